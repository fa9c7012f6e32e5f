import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ADMIN_ROLES, assertRolesCompatible, DomainError, StaffRole } from '@gongkai/domain';
import type { Permission } from '@gongkai/domain';
import { AgencyEntity } from '../agencies';
import { agencyNotFound } from '../agencies';
import { AuditService } from '../platform';
import { Clock } from '../platform';
import { StaffRoleEntity, StaffUserEntity } from './identity.entities';
import { hashPassword } from './password-hasher';
import { PasswordPolicyService } from './password-policy.service';
import {
  assertCanAt,
  atRoot,
  Caller,
  canAt,
  forbidden,
  hasPermission,
  reachesAll,
  StaffPrincipal,
} from '../platform';
import { SessionService } from './session.service';

export interface StaffUserView {
  id: string;
  login: string;
  displayName: string;
  active: boolean;
  mustChangePassword: boolean;
  roles: { role: StaffRole; agencyId: string; agencyName: string }[];
}

function userNotFound(id: string): DomainError {
  return new DomainError('IDENTITY.USER_NOT_FOUND', 'not_found', '用户不存在或不在您的管理范围内。', { id });
}

/**
 * Accounts (system administrator) and roles (security administrator), kept apart as MLPS asks:
 * the one who creates an account cannot give it power, and the one who gives power cannot create
 * accounts.
 */
@Injectable()
export class StaffAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly policy: PasswordPolicyService,
    private readonly clock: Clock,
  ) {}

  /**
   * The accounts the caller administers: those with a role in the caller's subtree, showing only those
   * roles; accounts without roles and administrators' accounts only from a root agency.
   */
  async list(caller: Caller<StaffPrincipal>): Promise<StaffUserView[]> {
    const users = await this.dataSource.getRepository(StaffUserEntity).find({ order: { login: 'ASC' } });
    const roles = await this.dataSource.query<
      { user_id: string; role: StaffRole; agency_id: string; name: string; path: string }[]
    >(
      `SELECT r.user_id, r.role, r.agency_id, a.name, a.path FROM staff_role r JOIN agency a ON a.id = r.agency_id`,
    );
    const p = caller.principal;
    const permissions = ['user.manage', 'role.manage'] as const;
    const visible = (path: string) => permissions.some((x) => canAt(p, x, path));
    const fromRoot = permissions.some((x) => atRoot(p, x));
    return users
      .map((u) => ({
        id: u.id,
        login: u.login,
        displayName: u.displayName,
        active: u.active,
        mustChangePassword: u.mustChangePassword,
        roles: roles
          .filter((r) => r.user_id === u.id)
          .map((r) => ({ role: r.role, agencyId: r.agency_id, agencyName: r.name, path: r.path })),
      }))
      .filter((u) =>
        u.roles.length === 0 || u.roles.some((r) => ADMIN_ROLES.includes(r.role))
          ? fromRoot
          : u.roles.some((r) => visible(r.path)),
      )
      .map((u) => ({
        ...u,
        roles: u.roles.filter((r) => fromRoot || visible(r.path)).map(({ path: _p, ...r }) => r),
      }));
  }

  /**
   * The account locked for a change by an administrator: it exists, is in reach for `permission`,
   * and is not the caller's own (`selfCode`: nobody administers themselves). The row lock
   * serialises changes of one person, so checks over their roles hold.
   */
  private async lockManaged(
    em: EntityManager,
    caller: Caller<StaffPrincipal>,
    userId: string,
    permission: Permission,
    selfCode: string,
    selfMessage: string,
  ): Promise<StaffUserEntity> {
    const user = await em
      .getRepository(StaffUserEntity)
      .findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user) {
      throw userNotFound(userId);
    }
    await this.assertManages(em, caller, userId, permission);
    if (user.id === caller.principal.userId) {
      throw new DomainError(selfCode, 'rule_violation', selfMessage);
    }
    return user;
  }

  /**
   * Refuses (as not found) an account outside the caller's reach for `permission`: one with a role
   * beyond the caller's subtree, or an administrator's or role-less account unless from a root agency.
   */
  private async assertManages(
    em: EntityManager,
    caller: Caller<StaffPrincipal>,
    userId: string,
    permission: Permission,
  ): Promise<void> {
    const held = await em.query<{ role: StaffRole; path: string }[]>(
      `SELECT r.role, a.path FROM staff_role r JOIN agency a ON a.id = r.agency_id WHERE r.user_id = $1`,
      [userId],
    );
    const admin = held.some((r) => ADMIN_ROLES.includes(r.role));
    const reach = admin
      ? atRoot(caller.principal, permission)
      : reachesAll(
          caller.principal,
          permission,
          held.map((r) => r.path),
        );
    if (!reach) {
      throw userNotFound(userId);
    }
  }

  /** A new account with a temporary password that must be changed at first sign-in. */
  async create(
    caller: Caller<StaffPrincipal>,
    input: { login: string; displayName: string; temporaryPassword: string },
  ): Promise<StaffUserView> {
    const login = input.login.trim().toLowerCase();
    this.policy.assertAcceptable('temporaryPassword', input.temporaryPassword, login);
    const passwordHash = await hashPassword(input.temporaryPassword);
    return this.dataSource.transaction(async (em) => {
      if (await em.getRepository(StaffUserEntity).existsBy({ login })) {
        throw new DomainError('IDENTITY.LOGIN_TAKEN', 'conflict', '登录名已被使用。', { field: 'login' });
      }
      const now = this.clock.now();
      const user = em.create(StaffUserEntity, {
        id: randomUUID(),
        login,
        displayName: input.displayName.trim(),
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: true,
        active: true,
        createdAt: now,
      });
      await em.save(user);
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'user.created',
        objectType: 'staff_user',
        objectId: user.id,
        result: 'success',
        details: { login },
      });
      return {
        id: user.id,
        login,
        displayName: user.displayName,
        active: true,
        mustChangePassword: true,
        roles: [],
      };
    });
  }

  /** Disabling ends every session of the person at once; enabling does not restore them. */
  async setActive(
    caller: Caller<StaffPrincipal>,
    userId: string,
    active: boolean,
    reason: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.lockManaged(
        em,
        caller,
        userId,
        'user.manage',
        'IDENTITY.SELF_DISABLE',
        '不能停用自己的账号。',
      );
      await em.update(StaffUserEntity, { id: userId }, { active });
      const ended = active ? 0 : await this.sessions.revoke(em, { staffId: userId }, 'user_disabled');
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: active ? 'user.enabled' : 'user.disabled',
        objectType: 'staff_user',
        objectId: userId,
        result: 'success',
        details: { reason, sessionsEnded: ended },
      });
    });
  }

  /** A temporary password, to be changed at the next sign-in; every session of the person ends. */
  async resetPassword(
    caller: Caller<StaffPrincipal>,
    userId: string,
    temporaryPassword: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const user = await this.lockManaged(
        em,
        caller,
        userId,
        'user.manage',
        'IDENTITY.SELF_RESET',
        '不能重置自己的密码，请在“修改密码”中修改。',
      );
      this.policy.assertAcceptable('temporaryPassword', temporaryPassword, user.login);
      await em.update(
        StaffUserEntity,
        { id: userId },
        {
          passwordHash: await hashPassword(temporaryPassword),
          mustChangePassword: true,
          passwordChangedAt: this.clock.now(),
        },
      );
      const ended = await this.sessions.revoke(em, { staffId: userId }, 'password_reset');
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'user.password_reset',
        objectType: 'staff_user',
        objectId: userId,
        result: 'success',
        details: { sessionsEnded: ended },
      });
    });
  }

  async grantRole(
    caller: Caller<StaffPrincipal>,
    userId: string,
    grant: { role: StaffRole; agencyId: string },
  ): Promise<void> {
    await this.changeRole(caller, userId, grant, 'grant');
  }

  async revokeRole(
    caller: Caller<StaffPrincipal>,
    userId: string,
    grant: { role: StaffRole; agencyId: string },
  ): Promise<void> {
    await this.changeRole(caller, userId, grant, 'revoke');
  }

  private async changeRole(
    caller: Caller<StaffPrincipal>,
    userId: string,
    grant: { role: StaffRole; agencyId: string },
    change: 'grant' | 'revoke',
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      // The user row lock serialises role changes of one person, so the combination check holds.
      await this.lockManaged(
        em,
        caller,
        userId,
        'role.manage',
        'IDENTITY.SELF_GRANT',
        '不能修改自己的角色。',
      );
      const agency = await em.getRepository(AgencyEntity).findOneBy({ id: grant.agencyId });
      if (!agency) {
        throw agencyNotFound(grant.agencyId);
      }
      assertCanAt(caller.principal, 'role.manage', agency.path);
      if (ADMIN_ROLES.includes(grant.role) && !atRoot(caller.principal, 'role.manage')) {
        // Administrator accounts are managed only from the root.
        throw forbidden('role.manage');
      }
      const held = await em.getRepository(StaffRoleEntity).findBy({ userId });
      if (change === 'grant') {
        assertRolesCompatible([...held.map((r) => r.role), grant.role]);
        await em
          .createQueryBuilder()
          .insert()
          .into(StaffRoleEntity)
          .values({ userId, ...grant, grantedBy: caller.principal.login, grantedAt: this.clock.now() })
          .orIgnore()
          .execute();
      } else {
        await em.delete(StaffRoleEntity, { userId, ...grant });
      }
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: change === 'grant' ? 'role.granted' : 'role.revoked',
        objectType: 'staff_user',
        objectId: userId,
        result: 'success',
        details: { role: grant.role, agencyId: grant.agencyId },
      });
    });
  }

  /** Ends sessions: one of the caller's own, or (security administrator) all of someone's. */
  async revokeSessions(
    caller: Caller<StaffPrincipal>,
    target: { userId: string } | { sessionId: string },
    reason: string,
  ): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      let ended: number;
      if ('sessionId' in target) {
        const own = await em.query<
          {
            staff_id: string | null;
          }[]
        >('SELECT staff_id FROM session WHERE id = $1', [target.sessionId]);
        const mine = own[0]?.staff_id === caller.principal.userId;
        if (!mine && !hasPermission(caller.principal, 'session.manage')) {
          throw new DomainError('IDENTITY.SESSION_NOT_FOUND', 'not_found', '会话不存在。', target);
        }
        ended = await this.sessions.revoke(em, { id: target.sessionId }, reason);
      } else {
        if (!hasPermission(caller.principal, 'session.manage')) {
          throw new DomainError('AUTH.FORBIDDEN', 'forbidden', '没有执行此操作的权限。');
        }
        if (!(await em.getRepository(StaffUserEntity).existsBy({ id: target.userId }))) {
          throw new DomainError('IDENTITY.USER_NOT_FOUND', 'not_found', '账号不存在。', {
            id: target.userId,
          });
        }
        await this.assertManages(em, caller, target.userId, 'session.manage');
        ended = await this.sessions.revoke(em, { staffId: target.userId }, reason);
      }
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'session.revoked',
        objectType: 'sessionId' in target ? 'session' : 'staff_user',
        objectId: 'sessionId' in target ? target.sessionId : target.userId,
        result: 'success',
        details: { reason, ended },
      });
      return ended;
    });
  }
}
