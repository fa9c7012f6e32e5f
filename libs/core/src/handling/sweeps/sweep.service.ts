import { RUNNING_CLOCK_STATES, deadlineStatus } from '@gongkai/domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, LessThan, LessThanOrEqual, Not } from 'typeorm';
import { AgencyEntity } from '../../agencies';
import { AuditService } from '../../platform';
import { CalendarService } from '../../calendar';
import { Clock } from '../../platform';
import { APP_CONFIG } from '../../platform';
import type { AppConfig } from '../../platform';
import { NotificationService } from '../../notifications';
import { RequestActionRunner } from '../../requests/moves';
import { RequestClockService } from '../../deadlines';
import { appendRequestEvent } from '../../request-record';
import { RequestEntity } from '../../request-record';
import { ConsultationEntity } from '../consultation/consultation.entity';
import { staffWithRole } from '../handling-support';

export interface SweepResult {
  dueSoon: number;
  overdue: number;
  proposals: number;
  lapsed: number;
  failed: number;
}

const WORKER = { actor: 'system:worker', ip: '' };

/**
 * The worker's sweeps (docs/architecture.md, conventions 9): select everything due and not yet handled, then handle each item
 * in its own transaction, claimed by a unique `(job, item, slot)` row. Of several workers sweeping at
 * once exactly one claims an item; a second run changes nothing.
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger(SweepService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly calendars: CalendarService,
    private readonly clocks: RequestClockService,
    private readonly runner: RequestActionRunner,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<SweepResult> {
    const result: SweepResult = { dueSoon: 0, overdue: 0, proposals: 0, lapsed: 0, failed: 0 };
    const today = this.clock.today();
    const national = await this.calendars.calendarFor();
    const horizon = national.addWorkingDays(today, this.config.dueSoonWorkingDays + 5);

    const running = await this.dataSource.getRepository(RequestEntity).find({
      where: {
        concludedOn: IsNull(),
        status: In([...RUNNING_CLOCK_STATES]),
        replyDue: LessThanOrEqual(horizon),
      },
      order: { replyDue: 'ASC' },
    });
    for (const r of running) {
      await this.item(result, `reminder ${r.id}`, (em) => this.remind(em, r, today, result));
    }

    const waiting = await this.dataSource
      .getRepository(RequestEntity)
      .findBy({ status: In(['awaiting_correction', 'awaiting_fee']), concludedOn: IsNull() });
    for (const r of waiting) {
      await this.item(result, `proposal ${r.id}`, (em) => this.propose(em, r, today, result));
    }

    const lapsing = await this.dataSource
      .getRepository(ConsultationEntity)
      .findBy({ closedOn: IsNull(), answerDue: LessThan(today) });
    for (const c of lapsing) {
      await this.item(result, `consultation ${c.id}`, (em) => this.lapse(em, c, result));
    }
    return result;
  }

  /** One item, one transaction, one try/catch: a failure is logged and the sweep goes on. */
  private async item(
    result: SweepResult,
    what: string,
    work: (em: EntityManager) => Promise<void>,
  ): Promise<void> {
    try {
      await this.dataSource.transaction(work);
    } catch (e) {
      result.failed++;
      this.logger.error(`sweep ${what} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The path of the agency handling the request: its staff (and those above) are the ones told. */
  private async handlingPath(em: EntityManager, r: RequestEntity): Promise<string> {
    return (await em.getRepository(AgencyEntity).findOneByOrFail({ id: r.handlingAgencyId })).path;
  }

  /** Claims `(job, item, slot)`; false when another worker (or an earlier run) already has it. */
  private async claim(em: EntityManager, job: string, item: string, slot: string): Promise<boolean> {
    const rows = await em.query<unknown[]>(
      `INSERT INTO job_run (job, item, slot, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING job`,
      [job, item, slot, this.clock.now()],
    );
    return rows.length === 1;
  }

  private async remind(
    em: EntityManager,
    r: RequestEntity,
    today: string,
    result: SweepResult,
  ): Promise<void> {
    const calendar = await this.calendars.calendarFor(r.calendarRegion);
    const status = deadlineStatus(r.status, r.replyDue, calendar, today, this.config.dueSoonWorkingDays);
    if (!status.overdue && !status.dueSoon) {
      return;
    }
    const { overdue } = status;
    const left = status.workingDaysLeft ?? 0;
    // The slot is the deadline: when it moves (extension, recomputation) the new one is reminded again.
    if (!(await this.claim(em, overdue ? 'overdue' : 'due-soon', r.id, r.replyDue!))) {
      return;
    }
    const path = await this.handlingPath(em, r);
    const supervisors = overdue ? await staffWithRole(em, path, 'office_head') : [];
    const handlers = r.assigneeId ? [r.assigneeId] : await staffWithRole(em, path, 'registrar');
    await this.notifications.notifyStaff(
      em,
      [...handlers, ...supervisors],
      r.id,
      {
        topic: `${overdue ? 'overdue' : 'due_soon'}:${r.replyDue}`,
        subject: overdue ? '申请已逾期未答复' : '申请即将到期',
        body: overdue
          ? `申请 ${r.number} 的答复期限（${r.replyDue}）已过 ${-left} 个工作日，请立即办理。`
          : `申请 ${r.number} 的答复期限为 ${r.replyDue}，还剩 ${left} 个工作日。`,
      },
      this.clock.now(),
    );
    if (overdue) {
      result.overdue++;
    } else {
      result.dueSoon++;
    }
  }

  /** A correction or payment period ran out: propose termination to the clerks, who confirm it. */
  private async propose(
    em: EntityManager,
    r: RequestEntity,
    today: string,
    result: SweepResult,
  ): Promise<void> {
    const { clock } = await this.clocks.clockIn(em, r);
    const correction = r.status === 'awaiting_correction';
    const due = correction ? clock.correctionPeriod?.due : clock.feePayment?.due;
    if (!due || today <= due) {
      return;
    }
    const code = correction ? 'other.no_correction' : 'other.fee_unpaid';
    if (!(await this.claim(em, 'propose-termination', r.id, `${code}:${due}`))) {
      return;
    }
    await appendRequestEvent(em, this.audit, WORKER, {
      requestId: r.id,
      type: 'termination_proposed',
      onDate: today,
      at: this.clock.now(),
      data: { code, periodDue: due },
    });
    const heads = await staffWithRole(em, await this.handlingPath(em, r), 'office_head');
    await this.notifications.notifyStaff(
      em,
      [...(r.assigneeId ? [r.assigneeId] : []), ...heads],
      r.id,
      {
        topic: `termination_proposed:${code}`,
        subject: correction ? '补正期限已届满，建议终止处理' : '缴费期限已届满，建议终止处理',
        body: `申请 ${r.number} 的${correction ? '补正' : '缴费'}期限（${due}）已届满，请确认是否终止处理。`,
      },
      this.clock.now(),
    );
    result.proposals++;
  }

  /** Art. 32 / 33 ¶2: 15 working days without an answer; the agency decides, and the clock resumes. */
  private async lapse(em: EntityManager, c: ConsultationEntity, result: SweepResult): Promise<void> {
    const closed = await em.update(
      ConsultationEntity,
      { id: c.id, closedOn: IsNull() },
      { closedOn: c.answerDue },
    );
    if (closed.affected !== 1 || !(await this.claim(em, 'consultation-lapsed', c.id, c.answerDue))) {
      return;
    }
    const request = await em
      .getRepository(RequestEntity)
      .findOne({ where: { id: c.requestId }, lock: { mode: 'pessimistic_write' } });
    const stillOpen = await em
      .getRepository(ConsultationEntity)
      .countBy({ requestId: c.requestId, closedOn: IsNull(), id: Not(c.id) });
    const data = {
      consultationId: c.id,
      party: c.party,
      answerDue: c.answerDue,
      silence: c.party === 'inter_agency' ? 'consent' : 'agency_decides',
    };
    if (request?.status === 'consulting' && stillOpen === 0) {
      await this.runner.system(em, request, 'record-consultation-answer', () => ({
        to: 'in_progress',
        type: 'consultation_lapsed',
        data,
      }));
    } else if (request) {
      await appendRequestEvent(em, this.audit, WORKER, {
        requestId: request.id,
        type: 'consultation_lapsed',
        onDate: this.clock.today(),
        at: this.clock.now(),
        data,
      });
    }
    if (request?.assigneeId) {
      await this.notifications.notifyStaff(
        em,
        [request.assigneeId],
        request.id,
        {
          topic: `consultation_lapsed:${c.id}`,
          subject: '征求意见期限届满',
          body: `申请 ${request.number} 征求${c.partyName}意见的期限已届满，未收到答复。`,
        },
        this.clock.now(),
      );
    }
    result.lapsed++;
  }
}
