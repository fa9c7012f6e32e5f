import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { APPLICANT_TYPES, REPLY_CODES, TABLE3_COLUMNS, TERMINATION_CODES } from '@gongkai/domain';
import type { Table3Row } from '@gongkai/domain';
import { ReportService } from '@gongkai/core/reports';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

const FIRST_DAY = Date.UTC(2022, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const YEARS = [2022, 2023, 2024, 2025, 2026];

/** One random lifecycle: where and when it was received, what happened, and how many days it took. */
const lifecycle = fc.record({
  agency: fc.nat(),
  applicantType: fc.constantFrom(...APPLICANT_TYPES),
  receivedDay: fc.integer({ min: 0, max: 1640 }), // 2022-01-01 … 2026-06-29
  path: fc.constantFrom('reply', 'reply', 'reply', 'correction_then_reply', 'terminate', 'withdraw', 'open'),
  reply: fc.constantFrom(...REPLY_CODES),
  termination: fc.constantFrom(...TERMINATION_CODES),
  days: fc.integer({ min: 0, max: 90 }),
});
type Lifecycle = typeof lifecycle extends fc.Arbitrary<infer T> ? T : never;

/**
 * 10,000 random lifecycles over five years and every agency of the demo district, written as requests
 * with their events. For every year and agency: V1 holds per column, 二(Y) = 四(Y−1), the subtree table
 * is the sum of its agencies' tables, and every cell equals a recount from the events alone.
 */
describe('annual report: property over 10,000 random lifecycles', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-11-22T09:00:00+08:00'));
  let agencies: { id: string; path: string }[];
  let reports: ReportService;

  beforeAll(async () => {
    await desk.start(db().url);
    reports = desk.console.app.get(ReportService);
    agencies = [...desk.agencies.values()].map((a) => ({ id: a.id, path: a.path }));
    const [sample] = fc.sample(fc.array(lifecycle, { minLength: 10_000, maxLength: 10_000 }), {
      numRuns: 1,
      seed: 20261122,
    });
    await insertLifecycles(sample);
  }, 120_000);
  afterAll(() => desk.close());

  async function insertLifecycles(all: Lifecycle[]) {
    const today = desk.clock.today();
    for (let start = 0; start < all.length; start += 2000) {
      const chunk = all.slice(start, start + 2000);
      const r: Record<string, unknown[]> = {
        id: [],
        agency: [],
        number: [],
        seq: [],
        type: [],
        received: [],
        concluded: [],
        code: [],
        status: [],
      };
      const e: Record<string, unknown[]> = { request: [], type: [], on: [], data: [] };
      chunk.forEach((l, i) => {
        const id = randomUUID();
        const agency = agencies[l.agency % agencies.length];
        const received = iso(FIRST_DAY + l.receivedDay * 86_400_000);
        const event = (type: string, offset: number, data: object = {}) => {
          e.request.push(id);
          e.type.push(type);
          e.on.push(iso(FIRST_DAY + (l.receivedDay + offset) * 86_400_000));
          e.data.push(JSON.stringify(data));
        };
        event('received', 0);
        let end: { type: string; code: string } | null = null;
        if (l.path === 'correction_then_reply') {
          event('correction_notice_served', Math.min(3, l.days));
          event('correction_received', Math.min(10, l.days));
          end = { type: 'reply_issued', code: l.reply };
        } else if (l.path === 'reply') {
          end = { type: 'reply_issued', code: l.reply };
        } else if (l.path === 'terminate') {
          end = { type: 'terminated', code: l.termination };
        } else if (l.path === 'withdraw') {
          end = { type: 'withdrawn', code: 'other.other' };
        }
        const concludedOn = iso(FIRST_DAY + (l.receivedDay + l.days) * 86_400_000);
        if (end && concludedOn <= today) {
          event(end.type, l.days, { code: end.code });
        } else {
          end = null;
        }
        r.id.push(id);
        r.agency.push(agency.id);
        r.number.push(`P-${start + i}`);
        r.seq.push(start + i + 1);
        r.type.push(l.applicantType);
        r.received.push(received);
        r.concluded.push(end ? concludedOn : null);
        r.code.push(end?.code ?? null);
        r.status.push(end ? (end.type === 'reply_issued' ? 'replied' : 'terminated') : 'in_progress');
      });
      await desk.ds.query(
        `INSERT INTO request (id, status, agency_id, handling_agency_id, number, year, seq, application_id, channel,
                              applicant_type, applicant_name, phone_enc, phone_masked, form_of_provision,
                              delivery_channel, received_on, concluded_on, disposition, calendar_region, created_at)
         SELECT t.id, t.status, t.agency, t.agency, t.number, 9999, t.seq, gen_random_uuid(), 'registered_post',
                t.type, '测试申请人', 'x', '138****0000', 'paper', 'post', t.received, t.concluded, t.code, 'national', now()
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::date[], $8::date[], $9::text[])
             AS t(id, status, agency, number, seq, type, received, concluded, code)`,
        [r.id, r.status, r.agency, r.number, r.seq, r.type, r.received, r.concluded, r.code],
      );
      await desk.ds.query(
        `INSERT INTO request_event (request_id, type, on_date, at, actor, data)
         SELECT t.request, t.type, t.on_date, now(), 'property-test', t.data::jsonb
           FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[]) AS t(request, type, on_date, data)`,
        [e.request, e.type, e.on, e.data],
      );
    }
  }

  /** The independent recount: from the events alone (receipt, and the concluding event with its code). */
  async function recount(agencyIds: Set<string>, year: number): Promise<Map<string, Record<string, number>>> {
    const rows = await desk.ds.query<
      {
        agency_id: string;
        applicant_type: string;
        type: string;
        on_date: string;
        code: string | null;
        request_id: string;
      }[]
    >(
      `SELECT r.agency_id, r.applicant_type, e.request_id, e.type, e.on_date::text, e.data->>'code' AS code
         FROM request_event e JOIN request r ON r.id = e.request_id
        WHERE e.type IN ('received', 'reply_issued', 'terminated', 'withdrawn')`,
    );
    const byRequest = new Map<
      string,
      { column: string; received?: string; concluded?: string; code?: string }
    >();
    for (const e of rows) {
      if (!agencyIds.has(e.agency_id)) {
        continue;
      }
      const r = byRequest.get(e.request_id) ?? { column: e.applicant_type };
      if (e.type === 'received') {
        r.received = e.on_date;
      } else {
        r.concluded = e.on_date;
        r.code = e.code!;
      }
      byRequest.set(e.request_id, r);
    }
    const first = `${year}-01-01`;
    const last = `${year}-12-31`;
    const cells = new Map<string, Record<string, number>>();
    const add = (row: string, column: string) => {
      const values = cells.get(row) ?? Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0]));
      values[column]++;
      values.total++;
      cells.set(row, values);
    };
    for (const r of byRequest.values()) {
      const received = r.received!;
      if (received >= first && received <= last) {
        add('new', r.column);
      }
      if (received < first && (!r.concluded || r.concluded >= first)) {
        add('carried_over', r.column);
      }
      if (r.concluded && r.concluded >= first && r.concluded <= last) {
        add(r.code!, r.column);
        add('total', r.column);
      }
      if (received <= last && (!r.concluded || r.concluded > last)) {
        add('carried_forward', r.column);
      }
    }
    return cells;
  }

  const table = (agencyId: string, year: number, scope: 'agency' | 'subtree') =>
    reports.table3(null, { agencyId, year, scope });
  const valuesOf = (rows: Table3Row[]) => Object.fromEntries(rows.map((r) => [r.key, r.values]));

  it('should hold V1, 二(Y) = 四(Y−1), and match a recount from the events, for every year and agency', async () => {
    let counted = 0;
    for (const agency of agencies) {
      let lastForward: Record<string, number> | null = null;
      for (const year of YEARS) {
        const t = await table(agency.id, year, 'agency');
        const v = valuesOf(t.rows);
        const expected = await recount(new Set([agency.id]), year);
        for (const row of t.rows) {
          const zero = Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0]));
          expect([year, row.key, row.values]).toEqual([year, row.key, expected.get(row.key) ?? zero]);
        }
        for (const column of TABLE3_COLUMNS) {
          expect(v.new[column] + v.carried_over[column]).toBe(v.total[column] + v.carried_forward[column]);
        }
        if (lastForward) {
          expect(v.carried_over).toEqual(lastForward);
        }
        expect(t.ok).toBe(true);
        lastForward = v.carried_forward;
        counted += v.new.total;
      }
    }
    expect(counted).toBe(10_000);
  }, 120_000);

  it('should make every subtree table the sum of its agencies’ tables', async () => {
    for (const root of agencies) {
      const members = agencies.filter((a) => a.path.startsWith(root.path));
      for (const year of YEARS) {
        const subtree = valuesOf((await table(root.id, year, 'subtree')).rows);
        const sum: Record<string, Record<string, number>> = {};
        for (const member of members) {
          for (const [key, values] of Object.entries(
            valuesOf((await table(member.id, year, 'agency')).rows),
          )) {
            sum[key] ??= Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0]));
            for (const column of TABLE3_COLUMNS) {
              sum[key][column] += values[column];
            }
          }
        }
        expect([root.path, year, subtree]).toEqual([root.path, year, sum]);
      }
    }
  }, 120_000);
});
