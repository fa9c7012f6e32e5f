import { SchedulerRegistry } from '@nestjs/schedule';
import { JobRunEntity, NotificationEntity, OutboxService } from '@gongkai/core/notifications';
import { RequestEntity, RequestEventEntity } from '@gongkai/core/request-record';
import { SweepResult } from '@gongkai/core/handling';
import { FrozenClock, TestApp, startTestApp, testConfig, useTestDatabase } from '@gongkai/testing';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { SweepJob } from '../apps/worker/src/handling/sweep.job';
import { LetterOutboxJob } from '../apps/worker/src/handling/letter-outbox.job';
import { AuditSequencerJob } from '../apps/worker/src/audit-sequencer.job';
import { Desk } from './support/desk';

const sum = (results: SweepResult[], key: keyof SweepResult) => results.reduce((n, r) => n + r[key], 0);

/** Three workers on one database with one frozen clock: every reminder and proposal happens exactly once. */
describe('worker sweeps with three replicas', () => {
  const db = useTestDatabase();
  const clock = new FrozenClock('2026-11-23T09:00:00+08:00');
  const desk = new Desk(clock);
  const workers: TestApp[] = [];
  const ids: Record<'dueSoon' | 'correction' | 'consulting' | 'fee', string> = {} as never;

  beforeAll(async () => {
    await desk.start(db().url);
    for (let i = 0; i < 3; i++) {
      const worker = await startTestApp(WorkerModule.forRoot(testConfig(db().url)), { clock });
      // The test drives the sweeps itself; the real schedule must not run them (or drain the outbox) meanwhile.
      const registry = worker.app.get(SchedulerRegistry);
      registry.getCronJobs().forEach((job) => void job.stop());
      registry.getIntervals().forEach((name) => registry.deleteInterval(name));
      workers.push(worker);
    }
    ids.dueSoon = await desk.applyAndClaim();
    ids.correction = await desk.applyAndClaim();
    await desk.act('handler', ids.correction, 'issue-correction-notice', {
      defects: ['缺少身份证明'],
      periodWorkingDays: 5,
    });
    ids.consulting = await desk.applyAndClaim();
    await desk.act('handler', ids.consulting, 'open-consultation', {
      party: 'inter_agency',
      partyName: '示范市自然资源局',
      subject: '联合制作的规划文件',
    });
    ids.fee = await desk.applyAndClaim();
    await desk.act('officehead', ids.fee, 'issue-fee-notice', { basis: 'per_volume', pages: 40 });
  });

  afterAll(async () => {
    for (const w of workers) {
      await w.close();
    }
    await desk.close();
  });

  const sweepAll = () => Promise.all(workers.map((w) => w.app.get(SweepJob).run()));
  const events = (id: string, type: string) =>
    desk.ds.getRepository(RequestEventEntity).countBy({ requestId: id, type });

  it('should remind, propose and lapse exactly once when three workers sweep at the same moment', async () => {
    const calendar = await desk.calendar();
    const start = desk.today;
    clock.set(new Date(`${calendar.addWorkingDays(start, 18)}T09:00:00+08:00`));
    await desk.signInAll();

    const first = await sweepAll();
    expect(sum(first, 'dueSoon')).toBe(1);
    expect(sum(first, 'proposals')).toBe(1); // the correction period (5 WD) ran out; the fee period (20 WD) not yet
    expect(sum(first, 'lapsed')).toBe(1); // 15 WD without the other agency's answer
    expect(sum(first, 'failed')).toBe(0);
    expect(await events(ids.correction, 'termination_proposed')).toBe(1);
    expect(await events(ids.consulting, 'consultation_lapsed')).toBe(1);
    expect(await desk.row(ids.consulting)).toMatchObject({ status: 'in_progress' });
    const reminders = await desk.ds
      .getRepository(NotificationEntity)
      .countBy({ requestId: ids.dueSoon, recipientType: 'staff' });
    expect(reminders).toBe(1);

    // A second round (and a fourth worker's run) changes nothing.
    const again = await sweepAll();
    expect(again.every((r) => r.dueSoon + r.overdue + r.proposals + r.lapsed === 0)).toBe(true);
  });

  it('should send the overdue reminder and the payment proposal once each after the deadlines pass', async () => {
    const calendar = await desk.calendar();
    clock.set(new Date(`${calendar.addWorkingDays(desk.today, 4)}T09:00:00+08:00`));
    await desk.signInAll();
    const results = await sweepAll();
    expect(sum(results, 'overdue')).toBe(1);
    expect(sum(results, 'proposals')).toBe(1);
    expect(await events(ids.fee, 'termination_proposed')).toBe(1);
    const jobs = await desk.ds.getRepository(JobRunEntity).find();
    expect(jobs.map((j) => j.job).sort()).toEqual([
      'consultation-lapsed',
      'due-soon',
      'overdue',
      'propose-termination',
      'propose-termination',
    ]);
    // The overdue reminder goes to the handler and the office head (督办), once each.
    const overdue = await desk.ds
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where(`n.request_id = :id AND n.key LIKE '%:overdue:%'`, { id: ids.dueSoon })
      .getCount();
    expect(overdue).toBe(2);
    expect((await desk.ds.getRepository(RequestEntity).findOneByOrFail({ id: ids.dueSoon })).status).toBe(
      'in_progress',
    );
  });

  it('should deliver every notification once when three workers drain the outbox together', async () => {
    const pending = await desk.ds.getRepository(NotificationEntity).countBy({ status: 'pending' });
    expect(pending).toBeGreaterThan(10);
    const delivered = await Promise.all(workers.map((w) => w.app.get(OutboxService).deliverDue(clock.now())));
    expect(delivered.reduce((a, b) => a + b, 0)).toBe(pending);
    const rows = await desk.ds.getRepository(NotificationEntity).find();
    expect(rows.every((n) => n.status === 'sent' && n.attempts === 1)).toBe(true);
  });

  it('should render every waiting letter and link every audit row once when three workers run together', async () => {
    const [{ waiting }] = await desk.ds.query<{ waiting: number }[]>(
      `SELECT count(*)::int AS waiting FROM letter_pending`,
    );
    expect(waiting).toBeGreaterThan(0);
    const made = await Promise.all(workers.map((w) => w.app.get(LetterOutboxJob).run()));
    expect(made.reduce((a, b) => a + b, 0)).toBe(waiting);
    expect(await desk.ds.query(`SELECT 1 FROM letter_pending`)).toHaveLength(0);
    await Promise.all(workers.map((w) => w.app.get(AuditSequencerJob).run()));
    // A sequencer that found the lock taken did nothing; one more run links whatever came since.
    await workers[0].app.get(AuditSequencerJob).run();
    const rows = await desk.ds.query<{ seq: string | null }[]>(
      `SELECT a.seq::text AS seq FROM audit_log a ORDER BY a.seq`,
    );
    expect(rows.every((r) => r.seq !== null)).toBe(true);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
  });
});
