import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  APPLICANT_TYPES,
  FIRST_REPORT_YEAR,
  TABLE3_COLUMNS,
  TABLE3_LAYOUTS,
  Table3Check,
  Table3Column,
  Table4,
  buildTable3Rows,
  buildTable4,
  cellMatches,
  checkTable3,
  codesOf,
  invalidInput,
  table3FormatFor,
  table3Narrative,
} from '@gongkai/domain';
import type { Permission } from '@gongkai/domain';
import { AgencyEntity } from '../../agencies';
import { agencyNotFound } from '../../agencies';
import { Clock } from '../../platform';
import { Caller, StaffPrincipal, canAt } from '../../platform';
import { ReportNarrativeEntity, ReportSnapshotEntity } from '../report.entities';
import { ReportChart, reportCharts } from './report-charts';
import { ReportFactsRepository } from './report-facts.repository';
import type {
  CellRequest,
  PublishedContent,
  ReportCoverage,
  ReportQuery,
  ReportScope,
  Table3Report,
} from './report-types';

const MAX_LISTED = 50;

/**
 * Table 3 and Table 4 for an agency, alone or with its subtree, counted by rule P4 from every request
 * and imported ledger row (view `report_fact`), with the P6 checks and the drill-down of P7.
 */
@Injectable()
export class ReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async coverage(
    caller: Caller<StaffPrincipal> | null,
    q: ReportQuery,
    permission: Permission = 'report.read',
  ) {
    if (q.year < FIRST_REPORT_YEAR || q.year > Number(this.clock.today().slice(0, 4))) {
      throw invalidInput('year', 'year.outOfRange', `年度须在 ${FIRST_REPORT_YEAR} 年至今年之间`);
    }
    const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id: q.agencyId });
    if (!agency || (caller && !canAt(caller.principal, permission, agency.path))) {
      throw agencyNotFound(q.agencyId);
    }
    return q.scope === 'agency'
      ? { agency, scope: q.scope, sql: 'a.id = $1', param: agency.id }
      : { agency, scope: q.scope, sql: 'a.path LIKE $1', param: `${agency.path}%` };
  }

  async table3(caller: Caller<StaffPrincipal> | null, q: ReportQuery): Promise<Table3Report> {
    const cov = await this.coverage(caller, q);
    return this.table3For(cov, q.year);
  }

  async table3For(
    cov: ReportCoverage,
    year: number,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Table3Report> {
    const format = table3FormatFor(year);
    const layout = TABLE3_LAYOUTS[format];
    const [cells, lastYear] = await Promise.all([
      new ReportFactsRepository(em).crossTab(cov, year),
      this.published(cov.agency.id, year - 1, cov.scope, em),
    ]);
    const rows = buildTable3Rows(layout, cells);
    const lastContent = lastYear?.content as PublishedContent | undefined;
    const lastForward = lastContent?.table3.rows.find((r) => r.kind === 'carried_forward')?.values;
    const checks: Table3Report['checks'] = checkTable3(rows, lastForward);
    for (const check of checks.filter((c) => !c.ok)) {
      check.requests = await this.behind(cov, year, check, lastContent, em);
    }
    return {
      agencyId: cov.agency.id,
      agencyName: cov.agency.name,
      year,
      scope: cov.scope,
      format,
      source: layout.source,
      columns: TABLE3_COLUMNS,
      rows,
      checks,
      ok: checks.every((c) => c.ok),
      lastYear: { published: Boolean(lastYear), snapshotId: lastYear?.id ?? null },
    };
  }

  /** The newest publication of a year's report, if any. */
  published(agencyId: string, year: number, scope: ReportScope, em: EntityManager = this.dataSource.manager) {
    return em
      .getRepository(ReportSnapshotEntity)
      .findOne({ where: { agencyId, year, scope }, order: { version: 'DESC' } });
  }

  /** P7: the requests one cell counts. */
  async cell(
    caller: Caller<StaffPrincipal>,
    q: ReportQuery & { row: string; column: Table3Column; page: number; pageSize: number },
  ) {
    const cov = await this.coverage(caller, q);
    const layout = TABLE3_LAYOUTS[table3FormatFor(q.year)];
    const match = cellMatches(layout, q.row, q.column);
    if (!match) {
      throw invalidInput('row', 'row.unknown', `${table3FormatFor(q.year)} 版表格没有此行`);
    }
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v) + 3}`;
    if (match.column) {
      where.push(`f.applicant_type = ${p(match.column)}`);
    }
    if (match.left) {
      where.push(match.left === 'new' ? 'f.received_on >= $2' : 'f.received_on < $2');
    }
    if (match.right === 'open') {
      where.push('(f.concluded_on IS NULL OR f.concluded_on > $3)');
    } else if (match.right === 'concluded') {
      where.push('f.concluded_on <= $3');
    } else if (match.right) {
      where.push(`f.concluded_on <= $3 AND f.disposition = ANY(${p(match.right)})`);
    }
    return new ReportFactsRepository(this.dataSource.manager).list(
      cov,
      q.year,
      where,
      params,
      q.page,
      q.pageSize,
    );
  }

  /** The requests behind a failing check (P6), at most MAX_LISTED. */
  private async behind(
    cov: ReportCoverage,
    year: number,
    check: Table3Check,
    lastYear: PublishedContent | undefined,
    em: EntityManager,
  ): Promise<CellRequest[]> {
    const layout = TABLE3_LAYOUTS[table3FormatFor(year)];
    const facts = new ReportFactsRepository(em);
    switch (check.rule) {
      case 'SUM':
        // Concluded in the year with a code no row of the layout counts.
        return (
          await facts.list(
            cov,
            year,
            ['f.concluded_on <= $3', '(f.disposition IS NULL OR NOT (f.disposition = ANY($4)))'],
            [codesOf(layout)],
            1,
            MAX_LISTED,
          )
        ).requests;
      case 'C7':
        return (
          await facts.list(
            cov,
            year,
            ['NOT (f.applicant_type = ANY($4))'],
            [[...APPLICANT_TYPES]],
            1,
            MAX_LISTED,
          )
        ).requests;
      case 'P4': {
        // Carried over now but not in last year's published 四, or the other way round.
        const published = lastYear?.carriedForwardIds ?? [];
        const column = check.column === 'total' ? null : check.column;
        const now = (
          await facts.list(
            cov,
            year,
            ['f.received_on < $2', ...(column ? ['f.applicant_type = $4'] : [])],
            column ? [column] : [],
            1,
            100_000,
          )
        ).requests;
        const nowIds = new Set(now.map((r) => r.id));
        const added = now.filter((r) => !published.includes(r.id));
        const gone = published.filter((id) => !nowIds.has(id));
        const goneRows = await facts.byIds(gone, column ?? null);
        return [...added, ...goneRows].slice(0, MAX_LISTED);
      }
      case 'V1':
        return [];
    }
  }

  /** The ids counted in 四 (carried forward), stored with a publication for next year's check. */
  carriedForwardIds(cov: ReportCoverage, year: number, em: EntityManager): Promise<string[]> {
    return new ReportFactsRepository(em).carriedForwardIds(cov, year);
  }

  /** Table 4: the cases recorded against the covered agencies' requests, filed in the year. */
  async table4For(
    cov: ReportCoverage,
    year: number,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Table4> {
    return buildTable4(await new ReportFactsRepository(em).remedyCases(cov, year), year);
  }

  async table4(caller: Caller<StaffPrincipal>, q: ReportQuery) {
    const cov = await this.coverage(caller, q);
    return {
      agencyId: cov.agency.id,
      year: q.year,
      scope: q.scope,
      table4: await this.table4For(cov, q.year),
    };
  }

  /** Table 4's cases one by one, with the requests they challenge. */
  async remedyCaseList(caller: Caller<StaffPrincipal>, q: ReportQuery) {
    const cov = await this.coverage(caller, q);
    return new ReportFactsRepository(this.dataSource.manager).remedyCaseList(cov, q.year);
  }

  /** Section 三's paragraph: the year's counts, the change on last year and the main topics. */
  async narrativeFor(
    cov: ReportCoverage,
    table: Table3Report,
    em: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const facts = new ReportFactsRepository(em);
    const [n, topics, disclosed] = await Promise.all([
      facts.receivedIn(cov, table.year - 1),
      facts.topTopics(cov, table.year),
      facts.ledToDisclosure(cov, table.year),
    ]);
    const text = table3Narrative({
      subject: cov.scope === 'subtree' ? `${cov.agency.name}（含所属部门和单位）` : cov.agency.name,
      year: table.year,
      rows: table.rows,
      lastYearNew: table.year - 1 >= FIRST_REPORT_YEAR ? n : null,
      topics,
    });
    // Requests asking for the same information that led the agency to publish it proactively.
    return disclosed > 0
      ? `${text}本年度收到的申请中，有${disclosed}件所涉及的信息因申请较为集中已转为主动公开。`
      : text;
  }

  /** The narrative as the report office edited it, or null while the drafted one stands. */
  async editedNarrative(
    cov: ReportCoverage,
    year: number,
    em: EntityManager = this.dataSource.manager,
  ): Promise<ReportNarrativeEntity | null> {
    return em
      .getRepository(ReportNarrativeEntity)
      .findOneBy({ agencyId: cov.agency.id, year, scope: cov.scope });
  }

  /** Section 三 as it will be published: the edited text where there is one, else the drafted one. */
  async narrativeText(
    cov: ReportCoverage,
    table: Table3Report,
    em: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    return (await this.editedNarrative(cov, table.year, em))?.text ?? this.narrativeFor(cov, table, em);
  }

  /** The figures of the report (附图): by month, outcomes, applicant types, this year against last. */
  async charts(cov: ReportCoverage, table: Table3Report): Promise<ReportChart[]> {
    const [months, lastYear] = await Promise.all([
      new ReportFactsRepository(this.dataSource.manager).byMonth(cov, table.year),
      table.year - 1 >= FIRST_REPORT_YEAR ? this.table3For(cov, table.year - 1) : Promise.resolve(null),
    ]);
    return reportCharts(table, { year: table.year, months, lastYear });
  }

  /** Table 3, Table 4 and the narrative together: what the exports and a publication hold. */
  async annual(caller: Caller<StaffPrincipal> | null, q: ReportQuery) {
    const cov = await this.coverage(caller, q);
    const table3 = await this.table3For(cov, q.year);
    const [table4, edited, drafted, charts] = await Promise.all([
      this.table4For(cov, q.year),
      this.editedNarrative(cov, q.year),
      this.narrativeFor(cov, table3),
      this.charts(cov, table3),
    ]);
    return {
      table3,
      table4,
      narrative: edited?.text ?? drafted,
      draftedNarrative: drafted,
      narrativeEdit: edited ? { updatedAt: edited.updatedAt, updatedBy: edited.updatedBy } : null,
      charts,
    };
  }
}
