import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgencyEntity, agencyNotFound } from '../../agencies';
import { NotificationService } from '../../notifications';
import { APP_CONFIG, AuditService, Clock, canAt } from '../../platform';
import type { AppConfig, Caller, StaffPrincipal } from '../../platform';
import { WorklistService } from '../../requests/queries';
import { staffWithRole } from '../handling-support';

export const REMINDER_KINDS = ['due_soon', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** The most requests one reminder reaches (a bigger backlog is a matter for a meeting, not a message). */
const MAX_REMINDED = 500;

/**
 * 督办: an office head reminds whoever holds the requests of one agency that are due soon or
 * overdue: the assignee, or the agency's handlers while no one has claimed it. At most one
 * reminder per request and day reaches a person; every reminder is audited.
 */
@Injectable()
export class SupervisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly worklists: WorklistService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async remind(
    caller: Caller<StaffPrincipal>,
    agencyId: string,
    kind: ReminderKind,
  ): Promise<{ requests: number; people: number }> {
    const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id: agencyId });
    if (!agency || !canAt(caller.principal, 'request.approve', agency.path)) {
      throw agencyNotFound(agencyId);
    }
    const list = await this.worklists.worklist(caller, {
      queue: kind,
      agencyId,
      scope: 'agency',
      withinDays: this.config.dueSoonWorkingDays,
      sort: 'deadline',
      page: 1,
      pageSize: MAX_REMINDED,
    });
    const today = this.clock.today();
    const now = this.clock.now();
    const reached = new Set<string>();
    await this.dataSource.transaction(async (em) => {
      const handlers = await staffWithRole(em, agency.path, 'handler');
      for (const r of list.rows) {
        const people = r.assignee ? [r.assignee.id] : handlers;
        people.forEach((p) => reached.add(p));
        const words =
          kind === 'overdue'
            ? `已超过法定答复期限（${r.replyDue}）`
            : `将于 ${r.replyDue} 到期（${r.workingDaysLeft ?? 0} 个工作日后）`;
        await this.notifications.notifyStaff(
          em,
          people,
          r.id,
          {
            topic: `reminder:${kind}:${today}`,
            subject: kind === 'overdue' ? '督办：申请已逾期' : '督办：申请即将到期',
            body: `申请 ${r.number} ${words}，请抓紧办理。督办人：${caller.principal.login}。`,
          },
          now,
        );
      }
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'supervision.reminded',
        objectType: 'agency',
        objectId: agency.id,
        result: 'success',
        details: { kind, requests: list.rows.length, people: reached.size },
      });
    });
    return { requests: list.rows.length, people: reached.size };
  }
}
