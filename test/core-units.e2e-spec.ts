import { DataSource } from 'typeorm';
import { SystemAlertRepository } from '@gongkai/core/alerts';
import { AuditService, nextGapFree } from '@gongkai/core/platform';
import { IdempotencyRepository } from '@gongkai/core/requests/intake';
import type { IntakeResult } from '@gongkai/core/requests/intake';
import { RequestReadRepository } from '@gongkai/core/requests/queries';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

/** The units that the restructure split out of larger services, each on the real PostgreSQL. */
describe('core units', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));
  let ds: DataSource;

  beforeAll(async () => {
    await desk.start(db().url);
    ds = desk.ds;
  });
  afterAll(() => desk.close());

  describe(nextGapFree.name, () => {
    it('should number without gaps: a rolled-back number is given again, each series on its own', async () => {
      const agency = desk.agencies.get('sfq')!.id;
      const take = (series: string) =>
        ds.transaction((em) =>
          nextGapFree(em, { table: 'document_counter', key: { agency_id: agency, year: 2031, series } }),
        );
      expect(await take('test-a')).toBe(1);
      expect(await take('test-a')).toBe(2);
      await expect(
        ds.transaction(async (em) => {
          expect(
            await nextGapFree(em, {
              table: 'document_counter',
              key: { agency_id: agency, year: 2031, series: 'test-a' },
            }),
          ).toBe(3);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await take('test-a')).toBe(3);
      expect(await take('test-b')).toBe(1);
      const request = (year: number) =>
        ds.transaction((em) =>
          nextGapFree(em, { table: 'request_counter', key: { agency_id: agency, year } }),
        );
      expect([await request(2031), await request(2031), await request(2032)]).toEqual([1, 2, 1]);
    });

    it('should give 20 concurrent takers the numbers 1 to 20, once each', async () => {
      const agency = desk.agencies.get('sfq')!.id;
      const got = await Promise.all(
        Array.from({ length: 20 }, () =>
          ds.transaction((em) =>
            nextGapFree(em, {
              table: 'document_counter',
              key: { agency_id: agency, year: 2033, series: 'race' },
            }),
          ),
        ),
      );
      expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });
  });

  describe(IdempotencyRepository.name, () => {
    const result = (n: string): IntakeResult[] => [
      {
        id: '00000000-0000-0000-0000-000000000001',
        number: n,
        agencyId: 'a',
        agencyName: 'b',
        status: 'registered',
        receivedOn: '2026-03-02',
        replyDue: '2026-03-30',
        replyDueProvisional: false,
        acknowledgement: { title: 't', text: 'x', letterId: 'l', letterNumber: 'n' },
      },
    ];

    it('should run the work once per key and answer a retry with the first result', async () => {
      const repo = desk.portal.app.get(IdempotencyRepository);
      let runs = 0;
      const work = () => {
        runs++;
        return Promise.resolve(result(`N${runs}`));
      };
      const first = await repo.once('test', 'key-00000001', { a: 1 }, work);
      const again = await repo.once('test', 'key-00000001', { a: 1 }, work);
      expect(first).toEqual({ results: result('N1'), replayed: false });
      expect(again).toEqual({ results: result('N1'), replayed: true });
      expect(runs).toBe(1);
      const other = await repo.once('other-scope', 'key-00000001', { a: 1 }, work);
      expect(other.replayed).toBe(false);
    });

    it('should refuse the same key with another body, and a malformed key, running nothing', async () => {
      const repo = desk.portal.app.get(IdempotencyRepository);
      const work = jest.fn(() => Promise.resolve(result('X')));
      await repo.once('test', 'key-00000002', { a: 1 }, work);
      await expect(repo.once('test', 'key-00000002', { a: 2 }, work)).rejects.toMatchObject({
        code: 'IDEMPOTENCY.KEY_REUSED',
      });
      await expect(repo.once('test', 'short', { a: 1 }, work)).rejects.toMatchObject({
        code: 'VALIDATION.FAILED',
      });
      expect(work).toHaveBeenCalledTimes(1);
    });

    it('should let concurrent retries with one key create one result', async () => {
      const repo = desk.portal.app.get(IdempotencyRepository);
      let runs = 0;
      const work = async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 50));
        return result('C');
      };
      const all = await Promise.all(
        Array.from({ length: 5 }, () => repo.once('test', 'key-00000003', { c: 1 }, work)),
      );
      expect(runs).toBe(1);
      expect(all.filter((a) => !a.replayed)).toHaveLength(1);
    });
  });

  describe(SystemAlertRepository.name, () => {
    it('should raise an alert once, list it while open, and resolve it', async () => {
      const alerts = desk.console.app.get(SystemAlertRepository);
      const at = desk.clock.now();
      expect(await alerts.raise('test-kind', 'subject-1', '测试提醒', at)).toBe(true);
      expect(await alerts.raise('test-kind', 'subject-1', '测试提醒', at)).toBe(false);
      expect((await alerts.open()).filter((a) => a.kind === 'test-kind')).toHaveLength(1);
      expect(await alerts.resolve('test-kind', ['subject-2'], at)).toBe(0);
      expect(await alerts.resolve('test-kind', ['subject-1'], at)).toBe(1);
      expect((await alerts.open()).filter((a) => a.kind === 'test-kind')).toHaveLength(0);
    });
  });

  describe(RequestReadRepository.name, () => {
    it("should read a request's items, events, letters and the citizen's list", async () => {
      const id = await desk.applyAndClaim(2);
      const reads = desk.console.app.get(RequestReadRepository);
      expect((await reads.items(id)).map((i) => i.position)).toEqual([1, 2]);
      expect((await reads.events(id)).map((e) => e.type)).toEqual(['received', 'claimed']);
      const letters = await reads.applicantLetters(id);
      expect(letters.map((l) => l.kind)).toEqual(['acknowledgement']);
      const request = await desk.ds.query<{ citizen_id: string; assignee_id: string }[]>(
        'SELECT citizen_id, assignee_id FROM request WHERE id = $1',
        [id],
      );
      expect((await reads.ofCitizen(request[0].citizen_id)).map((r) => r.id)).toContain(id);
      expect(await reads.staffName(request[0].assignee_id)).toMatchObject({ id: request[0].assignee_id });
      expect(await reads.staffName(null)).toBeNull();
    });
  });

  describe(AuditService.name, () => {
    it('should search by actor, action prefix and time, newest first, paged', async () => {
      const audit = desk.console.app.get(AuditService);
      const mine = await audit.search({ actor: 'handler', action: 'request.', pageSize: 2 });
      expect(mine.pageSize).toBe(2);
      expect(mine.rows.length).toBeLessThanOrEqual(2);
      expect(mine.rows.every((r) => r.actor === 'handler' && r.action.startsWith('request.'))).toBe(true);
      expect(mine.total).toBeGreaterThan(0);
      const ids = mine.rows.map((r) => Number(r.id));
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);
      const none = await audit.search({ from: '2099-01-01T00:00:00Z' });
      expect(none.total).toBe(0);
    });
  });
});
