import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ROLE_LABELS, STAFF_ROLES, validationFailed } from '@gongkai/domain';
import type { StaffRole } from '@gongkai/domain';
import { AgencyService } from '@gongkai/core/agencies';
import { StaffAdminService } from '@gongkai/core/identity';
import { Access, StaffCaller, forbidden, hasPermission, scopesFor } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { NO_ERRORS, Pages, formErrors, problemsOf, text } from '@gongkai/web';
import type { FormErrors } from '@gongkai/web';

const ADMIN_PERMISSIONS = ['user.manage', 'role.manage', 'session.manage'] as const;

/**
 * 用户与角色 (三员分立): the system administrator creates accounts, disables or enables them and
 * resets passwords; the security administrator grants and revokes roles and ends sessions — each
 * within their own subtree (administrator accounts only from the root).
 */
@ApiExcludeController()
@Controller('admin/users')
export class UserPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly admin: StaffAdminService,
    private readonly agencies: AgencyService,
  ) {}

  private may(c: Caller<StaffPrincipal>) {
    const may = {
      users: hasPermission(c.principal, 'user.manage'),
      roles: hasPermission(c.principal, 'role.manage'),
      sessions: hasPermission(c.principal, 'session.manage'),
    };
    if (!may.users && !may.roles && !may.sessions) {
      throw forbidden('user.manage');
    }
    return may;
  }

  @Get()
  @Access('staff')
  list(@StaffCaller() c: Caller<StaffPrincipal>, @Req() req: Request, @Res() res: Response) {
    return this.render(c, req, res, {});
  }

  /** One form action on one account (or the new account): done, or the page again with the errors. */
  @Post(':action')
  @Access('staff')
  async act(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('action') action: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    this.pages.csrf.verify(req);
    const may = this.may(c);
    const b = req.body as Record<string, unknown>;
    const userId = text(b, 'userId', 40);
    try {
      switch (action) {
        case 'create':
          if (!may.users) {
            throw forbidden('user.manage');
          }
          await this.admin.create(c, {
            login: text(b, 'login', 64),
            displayName: text(b, 'displayName', 50),
            temporaryPassword: text(b, 'temporaryPassword', 256),
          });
          break;
        case 'disable':
        case 'enable':
          if (!may.users) {
            throw forbidden('user.manage');
          }
          await this.admin.setActive(
            c,
            uuid(userId),
            action === 'enable',
            text(b, 'reason', 200) || '（未填写）',
          );
          break;
        case 'reset-password':
          if (!may.users) {
            throw forbidden('user.manage');
          }
          await this.admin.resetPassword(c, uuid(userId), text(b, 'temporaryPassword', 256));
          break;
        case 'grant':
        case 'revoke': {
          if (!may.roles) {
            throw forbidden('role.manage');
          }
          const role = text(b, 'role', 30) as StaffRole;
          const grant = { role, agencyId: uuid(text(b, 'agencyId', 40)) };
          await (action === 'grant'
            ? this.admin.grantRole(c, uuid(userId), grant)
            : this.admin.revokeRole(c, uuid(userId), grant));
          break;
        }
        case 'end-sessions':
          if (!may.sessions) {
            throw forbidden('session.manage');
          }
          await this.admin.revokeSessions(
            c,
            { userId: uuid(userId) },
            text(b, 'reason', 200) || '安全管理员结束会话',
          );
          break;
        default:
          throw forbidden('user.manage');
      }
      res.redirect(303, `/admin/users?done=${encodeURIComponent(action)}`);
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems) {
        throw e;
      }
      res.status(400);
      return this.render(c, req, res, { failed: action, userId, errors: formErrors(problems), values: b });
    }
  }

  private async render(
    c: Caller<StaffPrincipal>,
    req: Request,
    res: Response,
    state: { failed?: string; userId?: string; errors?: FormErrors; values?: Record<string, unknown> },
  ) {
    const may = this.may(c);
    const [users, agencies] = await Promise.all([
      this.admin.list(c),
      this.agencies.subtree([...new Set(ADMIN_PERMISSIONS.flatMap((p) => scopesFor(c.principal, p)))]),
    ]);
    return this.pages.render(
      req,
      res,
      'admin/users',
      {
        may,
        users: users.map((u) => ({
          ...u,
          self: u.id === c.principal.userId,
          roles: u.roles.map((r) => ({ ...r, label: ROLE_LABELS[r.role] })),
          failed: state.userId === u.id ? state.failed : null,
        })),
        roleOptions: STAFF_ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
        agencyOptions: agencies.map((a) => ({ value: a.id, label: a.name })),
        errors: state.errors ?? NO_ERRORS,
        failed: state.failed ?? null,
        values: state.values ?? {},
        done: typeof req.query.done === 'string' ? req.query.done : null,
      },
      { title: '用户与角色', active: '/admin/users' },
    );
  }
}

/** An id from a hidden field or a select, checked before it reaches a query. */
function uuid(value: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) {
    throw validationFailed([{ field: 'userId', code: 'uuid', message: '账号或机关标识有误' }]);
  }
  return value;
}
