import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DISPOSITION_INFO, DomainError, invalidInput, isDispositionCode } from '@gongkai/domain';
import { AgencyEntity, agencyNotFound } from '../../agencies';
import { AuditService, Clock, canAt } from '../../platform';
import type { Caller, StaffPrincipal } from '../../platform';
import { ProactiveDisclosureEntity } from './disclosure.entities';
import { CLUSTER_SIMILARITY, ClusterItem, clusterItems, similarityToCentroid } from './request-clusters';

export interface CandidateQuery {
  agencyId: string;
  from: string;
  to: string;
  /** The smallest group listed. */
  minSize?: number;
}

export interface Candidate {
  /** Stable for the same data: the typical item's request and position. */
  key: string;
  size: number;
  applicants: number;
  agencies: string[];
  firstOn: string;
  lastOn: string;
  typical: string;
  keywords: string[];
  outcomes: { label: string; n: number }[];
  requestIds: string[];
  published: { title: string; url: string; publishedOn: string } | null;
}

/** Items read for clustering at most (the newest first beyond it). */
const MAX_ITEMS = 50_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 转主动公开: groups of requests in a subtree and period asking for the same information (Chinese text
 * clustering), shown with their size, agencies, number of applicants, dates, typical wording and
 * outcomes; a group marked as published proactively is recorded (audited), and from then on a new
 * request matching it tells its handler where the information was published.
 */
@Injectable()
export class DisclosureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async agencyFor(
    caller: Caller<StaffPrincipal>,
    agencyId: string,
    permission: 'report.read' | 'report.publish',
  ) {
    const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id: agencyId });
    if (!agency || !canAt(caller.principal, permission, agency.path)) {
      throw agencyNotFound(agencyId);
    }
    return agency;
  }

  /** The request items of a subtree and period, newest first (at most MAX_ITEMS). */
  private items(path: string, from: string, to: string) {
    return this.dataSource.query<(ClusterItem & { agencyName: string })[]>(
      `SELECT r.id AS "requestId", i.position, r.agency_id AS "agencyId", a.name AS "agencyName",
              coalesce(r.applicant_key, r.citizen_id::text, r.id::text) AS applicant,
              r.received_on::text AS "receivedOn", r.disposition, i.description
         FROM request r JOIN request_item i ON i.request_id = r.id JOIN agency a ON a.id = r.agency_id
        WHERE a.path LIKE $1 AND r.received_on BETWEEN $2 AND $3
        ORDER BY r.received_on DESC LIMIT ${MAX_ITEMS}`,
      [`${path}%`, from, to],
    );
  }

  async candidates(caller: Caller<StaffPrincipal>, q: CandidateQuery): Promise<Candidate[]> {
    if (!DATE.test(q.from)) {
      throw invalidInput('from', 'from.invalid', '开始日期格式应为 2026-01-01');
    }
    if (!DATE.test(q.to)) {
      throw invalidInput('to', 'to.invalid', '结束日期格式应为 2026-12-31');
    }
    if (q.from > q.to) {
      throw invalidInput('to', 'to.beforeFrom', '结束日期不能早于开始日期');
    }
    const agency = await this.agencyFor(caller, q.agencyId, 'report.read');
    const rows = await this.items(agency.path, q.from, q.to);
    const names = new Map(rows.map((r) => [r.agencyId, r.agencyName]));
    const marked = await this.dataSource
      .getRepository(ProactiveDisclosureEntity)
      .find({ where: { agencyId: agency.id }, order: { markedAt: 'DESC' } });
    const minSize = Math.max(q.minSize ?? 5, 2);
    return clusterItems(rows)
      .map((c) => ({ c, applicants: new Set(c.items.map((i) => i.applicant)).size }))
      .filter(({ c, applicants }) => c.items.length >= minSize && applicants >= 2)
      .map(({ c, applicants }) => {
        const ids = [...new Set(c.items.map((i) => i.requestId))];
        const outcomes = new Map<string, number>();
        for (const i of c.items) {
          const label =
            i.disposition && isDispositionCode(i.disposition)
              ? DISPOSITION_INFO[i.disposition].label
              : '尚未办结';
          outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
        }
        const dates = c.items.map((i) => i.receivedOn).sort();
        const published = marked.find(
          (m) => ids.filter((id) => m.requestIds.includes(id)).length * 2 >= ids.length,
        );
        return {
          key: `${c.typical.requestId}:${c.typical.position}`,
          size: ids.length,
          applicants,
          agencies: [...new Set(c.items.map((i) => names.get(i.agencyId) ?? ''))],
          firstOn: dates[0],
          lastOn: dates[dates.length - 1],
          typical: c.typical.description,
          keywords: c.keywords,
          outcomes: [...outcomes].map(([label, n]) => ({ label, n })).sort((a, b) => b.n - a.n),
          requestIds: ids,
          published: published
            ? { title: published.title, url: published.url, publishedOn: published.publishedOn }
            : null,
          centroid: c.centroid,
        };
      })
      .sort((a, b) => b.size - a.size || a.key.localeCompare(b.key))
      .map(({ centroid: _c, ...rest }) => rest);
  }

  /** Marks a group as published proactively (title, URL and date of the published item); audited. */
  async mark(
    caller: Caller<StaffPrincipal>,
    q: CandidateQuery & { key: string; title: string; url: string; publishedOn: string },
  ) {
    const agency = await this.agencyFor(caller, q.agencyId, 'report.publish');
    const problems = [];
    if (q.title.trim().length < 2) {
      problems.push({ field: 'title', code: 'title.required', message: '请填写主动公开信息的标题' });
    }
    if (!/^https?:\/\/[^\s]{3,}$/.test(q.url.trim())) {
      problems.push({ field: 'url', code: 'url.invalid', message: '网址应以 http:// 或 https:// 开头' });
    }
    if (!DATE.test(q.publishedOn) || q.publishedOn > this.clock.today()) {
      problems.push({
        field: 'publishedOn',
        code: 'publishedOn.invalid',
        message: '公开日期格式应为 2026-01-01，且不晚于今天',
      });
    }
    if (problems.length > 0) {
      throw new DomainError('VALIDATION.FAILED', 'invalid_input', '请修改以下内容。', problems);
    }
    const rows = await this.items(agency.path, q.from, q.to);
    const group = clusterItems(rows).find((c) => `${c.typical.requestId}:${c.typical.position}` === q.key);
    if (!group) {
      throw new DomainError('DISCLOSURE.GROUP_NOT_FOUND', 'not_found', '该组申请已发生变化，请刷新后重试。');
    }
    return this.dataSource.transaction(async (em) => {
      const row: ProactiveDisclosureEntity = {
        id: randomUUID(),
        agencyId: agency.id,
        title: q.title.trim().slice(0, 200),
        url: q.url.trim().slice(0, 500),
        publishedOn: q.publishedOn,
        requestIds: [...new Set(group.items.map((i) => i.requestId))],
        keywords: group.keywords,
        centroid: Object.fromEntries(group.centroid),
        markedBy: caller.principal.login,
        markedAt: this.clock.now(),
      };
      await em.insert(ProactiveDisclosureEntity, row);
      await this.audit.record(em, {
        actor: caller.principal.login,
        ip: caller.ip,
        action: 'disclosure.marked',
        objectType: 'agency',
        objectId: agency.id,
        result: 'success',
        details: {
          disclosureId: row.id,
          url: row.url,
          publishedOn: row.publishedOn,
          requests: row.requestIds.length,
        },
      });
      return { id: row.id, requests: row.requestIds.length };
    });
  }

  /** The proactive disclosures of a subtree, newest first. */
  async published(caller: Caller<StaffPrincipal>, agencyId: string) {
    const agency = await this.agencyFor(caller, agencyId, 'report.read');
    return this.dataSource.query<
      {
        id: string;
        title: string;
        url: string;
        publishedOn: string;
        requests: number;
        markedBy: string;
        markedAt: Date;
        agencyName: string;
      }[]
    >(
      `SELECT d.id, d.title, d.url, d.published_on::text AS "publishedOn", cardinality(d.request_ids) AS requests,
              d.marked_by AS "markedBy", d.marked_at AS "markedAt", a.name AS "agencyName"
         FROM proactive_disclosure d JOIN agency a ON a.id = d.agency_id
        WHERE a.path LIKE $1 ORDER BY d.marked_at DESC`,
      [`${agency.path}%`],
    );
  }

  /** Publications a request's items match: those of the agencies above it whose group it resembles. */
  async matchesFor(requestId: string): Promise<{ title: string; url: string; publishedOn: string }[]> {
    const candidates = await this.dataSource.query<
      {
        title: string;
        url: string;
        published_on: string;
        centroid: Record<string, number>;
        description: string;
      }[]
    >(
      `SELECT d.title, d.url, d.published_on::text, d.centroid, i.description
         FROM request r JOIN agency ra ON ra.id = r.agency_id JOIN request_item i ON i.request_id = r.id
         JOIN proactive_disclosure d ON NOT (r.id = ANY (d.request_ids))
         JOIN agency da ON da.id = d.agency_id AND starts_with(ra.path, da.path)
        WHERE r.id = $1`,
      [requestId],
    );
    const found = new Map<string, { title: string; url: string; publishedOn: string }>();
    for (const c of candidates) {
      if (similarityToCentroid(c.description, new Map(Object.entries(c.centroid))) >= CLUSTER_SIMILARITY) {
        found.set(c.url, { title: c.title, url: c.url, publishedOn: c.published_on });
      }
    }
    return [...found.values()];
  }
}
