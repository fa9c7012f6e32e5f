import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  APPLICANT_TYPE_LABELS,
  DISPOSITION_INFO,
  INTAKE_CHANNEL_LABELS,
  REMEDY_KIND_LABELS,
  invalidInput,
  isDispositionCode,
} from '@gongkai/domain';
import type { ApplicantType, IntakeChannel, RemedyKind } from '@gongkai/domain';
import { AgencyEntity, agencyNotFound } from '../../agencies';
import { Clock, ReadDatabase, canAt } from '../../platform';
import type { Caller, StaffPrincipal } from '../../platform';

/** The dimensions a figure of the analysis belongs to; each figure drills down by (dim, key). */
export const ANALYSIS_DIMS = [
  'all',
  'month',
  'concluded_month',
  'unit',
  'topic',
  'applicant_type',
  'channel',
  'group',
  'disposition',
  'timeliness',
  'flag',
  'remedy',
] as const;
export type AnalysisDim = (typeof ANALYSIS_DIMS)[number];

export const TIMELINESS_LABELS = {
  on_time: '按期办结',
  extended: '延期后按期办结',
  late: '超期办结',
  open: '办理中（未超期）',
  open_late: '逾期未办结',
} as const;
export type Timeliness = keyof typeof TIMELINESS_LABELS;

export const GROUP_LABELS: Record<string, string> = {
  disclose: '予以公开或部分公开',
  withhold: '不予公开',
  unavailable: '无法提供',
  not_processed: '不予处理',
  other: '其他处理',
};

const FLAG_LABELS = {
  correction_noticed: '发出补正告知',
  extended: '延期答复',
  consulted: '征求意见',
} as const;

export interface AnalysisQuery {
  agencyId: string;
  from: string;
  to: string;
  applicantType?: ApplicantType;
  channel?: IntakeChannel;
}

export interface AnalysisRow {
  dim: AnalysisDim;
  key: string;
  label: string;
  n: number;
  /** Share of the period's requests (or of the concluded ones, or of the remedy cases), 0 … 1. */
  share: number | null;
}

export interface AnalysisResult {
  query: AnalysisQuery;
  /** Where the figures were read: the primary, or a replica and how far behind it was. */
  source: { replica: boolean; lagSeconds: number | null };
  agencyName: string;
  received: number;
  concluded: number;
  /** Working days from receipt to conclusion of the concluded ones. */
  medianDays: number | null;
  p90Days: number | null;
  onTimeShare: number | null;
  dims: Record<AnalysisDim, AnalysisRow[]>;
  remedies: { cases: number; decided: number; corrected: number; correctedShare: number | null };
  lastYear: {
    from: string;
    to: string;
    received: number;
    concluded: number;
    medianDays: number | null;
    onTimeShare: number | null;
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A year earlier (29 February becomes 28 February). */
export function yearEarlier(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The request's timeliness, as SQL over `request r` and the day `$today`. */
const TIMELINESS_SQL = (today: string) => `CASE
  WHEN r.concluded_on IS NULL THEN CASE WHEN r.reply_due < '${today}' THEN 'open_late' ELSE 'open' END
  WHEN r.reply_due IS NOT NULL AND r.concluded_on > r.reply_due THEN 'late'
  WHEN r.extended THEN 'extended'
  ELSE 'on_time' END`;

interface Scope {
  agency: AgencyEntity;
  /** The position in `agency.path` of the unit (the selected agency's child) a request falls under. */
  unitPart: number;
}

interface SummaryRow {
  days: number | null;
  n: number;
  concluded: number;
  in_time: number;
  t_on_time: number;
  t_extended: number;
  t_late: number;
  t_open: number;
  t_open_late: number;
  correction_noticed: number;
  extended: number;
  consulted: number;
}

/** The value at fraction `p` of a histogram of integers, interpolated as percentile_cont does. */
export function histogramPercentile(bins: { value: number; n: number }[], p: number): number | null {
  const sorted = bins.filter((b) => b.n > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, b) => s + b.n, 0);
  if (total === 0) {
    return null;
  }
  const at = (i: number) => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.n;
      if (i < seen) {
        return b.value;
      }
    }
    return sorted[sorted.length - 1].value;
  };
  const pos = p * (total - 1);
  const lo = Math.floor(pos);
  return at(lo) + (at(Math.ceil(pos)) - at(lo)) * (pos - lo);
}

/** The period's totals from its rows by working days (one small row per number of days). */
function totals(rows: SummaryRow[]) {
  const sum = (k: keyof SummaryRow) => rows.reduce((s, r) => s + Number(r[k] ?? 0), 0);
  const bins = rows.filter((r) => r.days !== null).map((r) => ({ value: Number(r.days), n: r.concluded }));
  return {
    received: sum('n'),
    concluded: sum('concluded'),
    inTime: sum('in_time'),
    median: histogramPercentile(bins, 0.5),
    p90: histogramPercentile(bins, 0.9),
    timeliness: {
      on_time: sum('t_on_time'),
      extended: sum('t_extended'),
      late: sum('t_late'),
      open: sum('t_open'),
      open_late: sum('t_open_late'),
    } as Record<Timeliness, number>,
    flags: {
      correction_noticed: sum('correction_noticed'),
      extended: sum('extended'),
      consulted: sum('consulted'),
    },
  };
}

/**
 * 多维度分析: the requests received in a period by an agency and everything under it, along many
 * dimensions — by month (received, and concluded), unit, topic, applicant type, channel, outcome
 * group and code, timeliness (on time / extended / late, median and 90th-percentile working days),
 * how often correction, extension and consultation happen, remedies and the share corrected — and the
 * same period a year earlier. Each figure is a (dimension, key) the request list can filter on.
 * Figures come from `request` alone (the flags and working days kept by triggers), in a few scans.
 */
@Injectable()
export class AnalysisService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    /** The figures are read from the replica when there is one (they may be seconds old). */
    private readonly read: ReadDatabase,
  ) {}

  private async scope(caller: Caller<StaffPrincipal> | null, q: AnalysisQuery): Promise<Scope> {
    const problems = [];
    if (!DATE.test(q.from)) {
      problems.push(invalidInput('from', 'from.invalid', '开始日期格式应为 2026-01-01'));
    }
    if (!DATE.test(q.to)) {
      problems.push(invalidInput('to', 'to.invalid', '结束日期格式应为 2026-12-31'));
    }
    if (problems.length > 0) {
      throw problems[0];
    }
    if (q.from > q.to) {
      throw invalidInput('to', 'to.beforeFrom', '结束日期不能早于开始日期');
    }
    const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id: q.agencyId });
    if (!agency || (caller && !canAt(caller.principal, 'report.read', agency.path))) {
      throw agencyNotFound(q.agencyId);
    }
    return { agency, unitPart: agency.path.split('/').length };
  }

  /** The WHERE of the period's requests (`$1` path, `$2` from, `$3` to, then the filters). */
  private where(q: AnalysisQuery, scope: Scope, from: string, to: string) {
    const params: unknown[] = [`${scope.agency.path}%`, from, to];
    const conditions = ['a.path LIKE $1', 'r.received_on BETWEEN $2 AND $3'];
    if (q.applicantType) {
      params.push(q.applicantType);
      conditions.push(`r.applicant_type = $${params.length}`);
    }
    if (q.channel) {
      params.push(q.channel);
      conditions.push(`r.channel = $${params.length}`);
    }
    return { sql: conditions.join(' AND '), params };
  }

  async analyse(caller: Caller<StaffPrincipal> | null, q: AnalysisQuery): Promise<AnalysisResult> {
    const scope = await this.scope(caller, q);
    const today = this.clock.today();
    const timeliness = TIMELINESS_SQL(today);
    const w = this.where(q, scope, q.from, q.to);
    const unit = `split_part(a.path, '/', ${scope.unitPart})`;
    const from = `FROM request r JOIN agency a ON a.id = r.agency_id WHERE ${w.sql}`;
    const lastFrom = yearEarlier(q.from);
    const lastTo = yearEarlier(q.to);
    const lw = this.where(q, scope, lastFrom, lastTo);
    // Concluded in the period (whenever received), with the same agency and filters.
    const cw = {
      ...w,
      sql: w.sql.replace('r.received_on BETWEEN $2 AND $3', 'r.concluded_on BETWEEN $2 AND $3'),
    };
    const summary = (sql: string) => `
      SELECT r.working_days_taken AS days, count(*)::int AS n, count(r.concluded_on)::int AS concluded,
             count(*) FILTER (WHERE r.concluded_on IS NOT NULL AND (r.reply_due IS NULL OR r.concluded_on <= r.reply_due))::int AS in_time,
             ${Object.keys(TIMELINESS_LABELS)
               .map((k) => `count(*) FILTER (WHERE ${timeliness} = '${k}')::int AS t_${k}`)
               .join(', ')},
             count(*) FILTER (WHERE r.correction_noticed)::int AS correction_noticed,
             count(*) FILTER (WHERE r.extended)::int AS extended,
             count(*) FILTER (WHERE r.consulted)::int AS consulted
        FROM request r JOIN agency a ON a.id = r.agency_id WHERE ${sql}
       GROUP BY r.working_days_taken`;
    const month = `date_trunc('month', r.received_on)::date`;
    const db = this.read.dataSource;
    const [groups, concludedByMonth, nowRows, lastRows, remedies, units, source] = await Promise.all([
      db.query<
        {
          month: string | null;
          unit: string | null;
          topic: string | null;
          applicant_type: string | null;
          channel: string | null;
          disposition: string | null;
          g: number;
          n: number;
        }[]
      >(
        `SELECT to_char(${month}, 'YYYY-MM') AS month, ${unit} AS unit, coalesce(r.topic, '') AS topic,
                r.applicant_type, r.channel::text AS channel, coalesce(r.disposition, '') AS disposition,
                GROUPING(${month}, ${unit}, coalesce(r.topic, ''), r.applicant_type, r.channel,
                         coalesce(r.disposition, '')) AS g,
                count(*)::int AS n
           ${from}
          GROUP BY GROUPING SETS ((${month}), (${unit}), (coalesce(r.topic, '')), (r.applicant_type), (r.channel),
                                  (coalesce(r.disposition, '')))`,
        w.params,
      ),
      db.query<{ month: string; n: number }[]>(
        `SELECT to_char(date_trunc('month', r.concluded_on)::date, 'YYYY-MM') AS month, count(*)::int AS n
           FROM request r JOIN agency a ON a.id = r.agency_id WHERE ${cw.sql}
          GROUP BY date_trunc('month', r.concluded_on) ORDER BY 1`,
        cw.params,
      ),
      db.query<SummaryRow[]>(summary(w.sql), w.params),
      db.query<SummaryRow[]>(summary(lw.sql), lw.params),
      db.query<{ kind: string; result: string | null; n: number }[]>(
        `SELECT c.kind, c.result, count(*)::int AS n
           FROM remedy_case c JOIN request r ON r.id = c.request_id JOIN agency a ON a.id = r.agency_id
          WHERE ${w.sql.replace('r.received_on BETWEEN $2 AND $3', 'c.filed_on BETWEEN $2 AND $3')}
          GROUP BY 1, 2`,
        w.params,
      ),
      db.query<{ id: string; name: string }[]>(
        `SELECT id, name FROM agency WHERE parent_id = $1 OR id = $1`,
        [scope.agency.id],
      ),
      this.read.source(),
    ]);
    const now = totals(nowRows);
    const last = totals(lastRows);
    const received = now.received;
    const concluded = now.concluded;
    const share = (n: number, of: number) => (of > 0 ? n / of : null);
    const rows = (pick: (g: (typeof groups)[number]) => string | null, bit: number) =>
      groups.filter((g) => g.g === (63 ^ (1 << bit))).map((g) => ({ key: pick(g) ?? '', n: g.n }));
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const labelled = (
      dim: AnalysisDim,
      list: { key: string; n: number }[],
      label: (key: string) => string,
      of = received,
    ): AnalysisRow[] =>
      list
        .map((x) => ({ dim, key: x.key, label: label(x.key), n: x.n, share: share(x.n, of) }))
        .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
    // GROUPING() bits, most significant first: month, unit, topic, applicant, channel, disposition.
    const months = rows((g) => g.month, 5).sort((a, b) => a.key.localeCompare(b.key));
    const dispositions = rows((g) => g.disposition, 0);
    const groupTotals = new Map<string, number>();
    for (const d of dispositions) {
      const group = d.key ? d.key.slice(0, d.key.indexOf('.')) : '';
      groupTotals.set(group, (groupTotals.get(group) ?? 0) + d.n);
    }
    const remedyKinds = new Map<string, number>();
    let decided = 0;
    let corrected = 0;
    for (const r of remedies) {
      remedyKinds.set(r.kind, (remedyKinds.get(r.kind) ?? 0) + r.n);
      if (r.result) {
        decided += r.n;
      }
      if (r.result === 'corrected') {
        corrected += r.n;
      }
    }
    const cases = [...remedyKinds.values()].reduce((a, b) => a + b, 0);
    return {
      query: q,
      source,
      agencyName: scope.agency.name,
      received,
      concluded,
      medianDays: now.median,
      p90Days: now.p90,
      onTimeShare: share(now.inTime, concluded),
      dims: {
        all: [{ dim: 'all', key: '', label: '全部', n: received, share: null }],
        month: months.map((m) => ({
          dim: 'month',
          key: m.key,
          label: m.key,
          n: m.n,
          share: share(m.n, received),
        })),
        concluded_month: concludedByMonth.map((m) => ({
          dim: 'concluded_month',
          key: m.month,
          label: m.month,
          n: m.n,
          share: null,
        })),
        unit: labelled(
          'unit',
          rows((g) => g.unit, 4),
          (k) => (k === '' ? `${scope.agency.name}（本机关）` : (unitName.get(k) ?? k)),
        ),
        topic: labelled(
          'topic',
          rows((g) => g.topic, 3),
          (k) => (k === '' ? '未标注主题' : k),
        ).slice(0, 20),
        applicant_type: labelled(
          'applicant_type',
          rows((g) => g.applicant_type, 2),
          (k) => APPLICANT_TYPE_LABELS[k as ApplicantType] ?? k,
        ),
        channel: labelled(
          'channel',
          rows((g) => g.channel, 1),
          (k) => INTAKE_CHANNEL_LABELS[k as IntakeChannel] ?? k,
        ),
        group: labelled(
          'group',
          [...groupTotals].map(([key, n]) => ({ key, n })),
          (k) => (k === '' ? '尚未办结' : (GROUP_LABELS[k] ?? k)),
        ),
        disposition: labelled('disposition', dispositions, (k) =>
          k === '' ? '尚未办结' : isDispositionCode(k) ? DISPOSITION_INFO[k].label : k,
        ),
        timeliness: labelled(
          'timeliness',
          (Object.keys(TIMELINESS_LABELS) as Timeliness[])
            .map((k) => ({ key: k, n: now.timeliness[k] }))
            .filter((x) => x.n > 0),
          (k) => TIMELINESS_LABELS[k as Timeliness] ?? k,
        ),
        flag: (Object.keys(FLAG_LABELS) as (keyof typeof FLAG_LABELS)[]).map((k) => ({
          dim: 'flag',
          key: k,
          label: FLAG_LABELS[k],
          n: now.flags[k],
          share: share(now.flags[k], received),
        })),
        remedy: [...remedyKinds].map(([k, n]) => ({
          dim: 'remedy',
          key: k,
          label: REMEDY_KIND_LABELS[k as RemedyKind] ?? k,
          n,
          share: share(n, cases),
        })),
      },
      remedies: { cases, decided, corrected, correctedShare: share(corrected, decided) },
      lastYear: {
        from: lastFrom,
        to: lastTo,
        received: last.received,
        concluded: last.concluded,
        medianDays: last.median,
        onTimeShare: share(last.inTime, last.concluded),
      },
    };
  }

  /** The requests behind one figure, a page at a time (newest first). */
  async requests(
    caller: Caller<StaffPrincipal> | null,
    q: AnalysisQuery & { dim: AnalysisDim; key: string; page: number; pageSize: number },
  ) {
    const scope = await this.scope(caller, q);
    const w = this.where(q, scope, q.from, q.to);
    const params = [...w.params];
    let sql = w.sql;
    const add = (condition: (p: string) => string, value: unknown) => {
      params.push(value);
      sql += ` AND ${condition(`$${params.length}`)}`;
    };
    switch (q.dim) {
      case 'all':
        break;
      case 'month':
        add((p) => `to_char(r.received_on, 'YYYY-MM') = ${p}`, q.key);
        break;
      case 'concluded_month':
        sql = sql.replace('r.received_on BETWEEN $2 AND $3', 'r.concluded_on BETWEEN $2 AND $3');
        add((p) => `to_char(r.concluded_on, 'YYYY-MM') = ${p}`, q.key);
        break;
      case 'unit':
        add((p) => `split_part(a.path, '/', ${scope.unitPart}) = ${p}`, q.key);
        break;
      case 'topic':
        add((p) => `coalesce(r.topic, '') = ${p}`, q.key);
        break;
      case 'applicant_type':
        add((p) => `r.applicant_type = ${p}`, q.key);
        break;
      case 'channel':
        add((p) => `r.channel::text = ${p}`, q.key);
        break;
      case 'group':
        add(
          (p) => (q.key === '' ? `r.disposition IS NULL AND ${p} = ''` : `r.disposition LIKE ${p} || '.%'`),
          q.key,
        );
        break;
      case 'disposition':
        add((p) => `coalesce(r.disposition, '') = ${p}`, q.key);
        break;
      case 'timeliness':
        add((p) => `${TIMELINESS_SQL(this.clock.today())} = ${p}`, q.key);
        break;
      case 'flag':
        if (!(q.key in FLAG_LABELS)) {
          throw invalidInput('key', 'key.unknown', '未知的统计项');
        }
        sql += ` AND r.${q.key}`;
        break;
      case 'remedy':
        sql = sql.replace(
          'r.received_on BETWEEN $2 AND $3',
          'EXISTS (SELECT 1 FROM remedy_case c WHERE c.request_id = r.id AND c.filed_on BETWEEN $2 AND $3 AND c.kind = $' +
            (params.length + 1) +
            ')',
        );
        params.push(q.key);
        break;
    }
    const [{ total }] = await this.read.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM request r JOIN agency a ON a.id = r.agency_id WHERE ${sql}`,
      params,
    );
    const rows = await this.read.dataSource.query<
      {
        id: string;
        number: string;
        agencyName: string;
        applicantType: string;
        channel: string;
        receivedOn: string;
        concludedOn: string | null;
        replyDue: string | null;
        disposition: string | null;
        workingDays: number | null;
      }[]
    >(
      `SELECT r.id, r.number, a.name AS "agencyName", r.applicant_type AS "applicantType", r.channel::text AS channel,
              r.received_on::text AS "receivedOn", r.concluded_on::text AS "concludedOn", r.reply_due::text AS "replyDue",
              r.disposition, r.working_days_taken AS "workingDays"
         FROM request r JOIN agency a ON a.id = r.agency_id WHERE ${sql}
        ORDER BY r.received_on DESC, r.number DESC
        LIMIT ${Math.min(q.pageSize, 200)} OFFSET ${(Math.max(q.page, 1) - 1) * Math.min(q.pageSize, 200)}`,
      params,
    );
    return { total, rows };
  }
}
