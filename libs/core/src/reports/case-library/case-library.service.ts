import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { DISPOSITION_INFO, DomainError, isDispositionCode } from '@gongkai/domain';
import type { FieldError } from '@gongkai/domain';
import {
  AuditService,
  Clock,
  DataKeys,
  ReadDatabase,
  canAt,
  hasPermission,
  scopesFor,
  searchTerms,
  weightedTerms,
} from '../../platform';
import type { Caller, StaffPrincipal } from '../../platform';
import { AgencyEntity } from '../../agencies';
import { RequestEntity, RequestItemEntity } from '../../request-record';
import {
  CURATED_KINDS,
  LIBRARY_KIND_LABELS,
  LIBRARY_KINDS,
  LibraryEntryEntity,
  ReferenceItem,
} from './case-library.entities';
import type { CuratedKind, LibraryKind } from './case-library.entities';
import { deIdentify } from './de-identify';
import type { KnownPersonalData } from './de-identify';

export interface LibrarySearch {
  q?: string;
  kind?: LibraryKind | '';
  typicalOnly?: boolean;
  page?: number;
}

/** A passage of an entry with the query's terms marked. */
export type Passage = { text: string; hit: boolean }[];

export interface LibraryHit {
  id: string;
  kind: LibraryKind;
  kindLabel: string;
  title: string;
  tags: string[];
  typical: boolean;
  agencyName: string | null;
  year: number | null;
  outcomeLabel: string | null;
  passage: Passage;
  score: number;
}

export interface CuratedInput {
  kind: CuratedKind;
  title: string;
  body: string;
  tags?: string[];
  source?: string;
}

const PAGE_SIZE = 20;
/** Query terms used at most (the heaviest): a long request text still makes a short query. */
const MAX_QUERY_TERMS = 16;

export function libraryEntryNotFound(id: string): DomainError {
  return new DomainError('LIBRARY.NOT_FOUND', 'not_found', '案例库条目不存在或无权查看。', { id });
}

/** A tsquery lexeme, quoted (jieba terms are letters and digits, but nothing is trusted). */
function lexeme(term: string, weight = ''): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${weight}`;
}

function htmlToText(html: string): string {
  return html
    .replace(/<(style|script|title)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(p|h1|h2|div|li|tr)>/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/** The sentence of `text` holding most of the terms, cut to about 140 characters, with the terms marked. */
export function passageOf(text: string, terms: string[]): Passage {
  const sentences = text
    .split(/(?<=[。；！？\n])/)
    .map((s) => s.trim())
    .filter(Boolean);
  const wanted = [...new Set(terms)].filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  let best = sentences[0] ?? '';
  let bestScore = -1;
  for (const s of sentences) {
    const score = wanted.reduce((n, t) => n + (s.includes(t) ? t.length : 0), 0);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  if (best.length > 140) {
    const first = Math.min(...wanted.map((t) => best.indexOf(t)).filter((i) => i >= 0), best.length);
    const start = Math.max(0, Math.min(first - 40, best.length - 140));
    best = `${start > 0 ? '…' : ''}${best.slice(start, start + 140)}${start + 140 < best.length ? '…' : ''}`;
  }
  if (wanted.length === 0) {
    return [{ text: best, hit: false }];
  }
  const pattern = new RegExp(
    `(${wanted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
    'gi',
  );
  return best
    .split(pattern)
    .filter((part) => part.length > 0)
    .map((part) => ({ text: part, hit: wanted.some((t) => t.toLowerCase() === part.toLowerCase()) }));
}

/**
 * 依申请公开案例库: reference cases made from concluded requests (items, outcome per item, reasons,
 * legal basis and the reply letter, every piece of personal data removed), and curated entries
 * (policy documents, laws, normative documents, standard letter texts). Search is in Chinese: jieba
 * search-mode terms stored as a weighted tsvector (title and tags A, text B) with a GIN index; a hit
 * scores the IDF weight of every query term it holds (twice in the title), so rare terms decide.
 */
@Injectable()
export class CaseLibraryService {
  private readonly logger = new Logger(CaseLibraryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dataKeys: DataKeys,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    /** Search reads the replica when there is one (a just-made reference case may show seconds later). */
    private readonly read: ReadDatabase,
  ) {}

  /** Reference cases for the replied requests that have none yet (the worker, in batches; replica-safe). */
  async collect(limit = 200): Promise<number> {
    const ids = await this.dataSource.query<{ id: string }[]>(
      `SELECT r.id FROM request r
        WHERE r.disposition IS NOT NULL AND r.status IN ('replied', 'served', 'archived')
          AND NOT EXISTS (SELECT 1 FROM library_entry e WHERE e.source_request_id = r.id)
        ORDER BY r.concluded_on, r.id LIMIT $1`,
      [limit],
    );
    let made = 0;
    for (const { id } of ids) {
      try {
        made += await this.collectOne(id);
      } catch (e) {
        this.logger.warn(`reference case for ${id} not made: ${(e as Error).message}`);
      }
    }
    return made;
  }

  private async decrypt(value: string | null | undefined): Promise<string | null> {
    try {
      return await this.dataKeys.decrypt(value);
    } catch {
      return null;
    }
  }

  private async collectOne(id: string): Promise<number> {
    const r = await this.dataSource.getRepository(RequestEntity).findOneByOrFail({ id });
    const items = await this.dataSource
      .getRepository(RequestItemEntity)
      .find({ where: { requestId: id }, order: { position: 'ASC' } });
    const [letter] = await this.dataSource.query<{ html: string }[]>(
      `SELECT html FROM letter WHERE request_id = $1 AND kind LIKE 'reply\\_%' ORDER BY issued_at DESC LIMIT 1`,
      [id],
    );
    // The letter is under the request's data key (null once it is shredded), or in the clear if older.
    const letterHtml = letter ? await this.dataKeys.opened(letter.html).catch(() => null) : null;
    // The letter is headed by the filing or the handling agency: their own public contacts stay.
    const agencies = await this.dataSource
      .getRepository(AgencyEntity)
      .findBy({ id: In([r.agencyId, r.handlingAgencyId]) });
    const known: KnownPersonalData = {
      names: [r.applicantName, r.contactPerson, r.agent?.name],
      phones: [await this.decrypt(r.phoneEnc), await this.decrypt(r.agent?.phoneEnc), r.phoneMasked],
      idNumbers: [
        await this.decrypt(r.idNumberEnc),
        await this.decrypt(r.agent?.idNumberEnc),
        r.idNumberMasked,
      ],
      emails: [r.email],
      addresses: [await this.decrypt(r.addressEnc), r.addressMasked],
      other: [r.creditCode],
      keep: agencies.flatMap((a) => [a.phone, a.address, a.postalCode]),
    };
    const clean = (s: string | null | undefined) => (s ? deIdentify(s, known) : null);
    const refItems: ReferenceItem[] = items.map((i) => ({
      position: i.position,
      description: clean(i.description) ?? '',
      outcome: i.outcome ?? null,
      outcomeLabel: i.outcome && isDispositionCode(i.outcome) ? DISPOSITION_INFO[i.outcome].label : '—',
      reasons: clean(i.reasons),
      legalBasis: i.legalBasis ?? null,
    }));
    const first = refItems[0]?.description ?? '';
    const title = `${first.length > 60 ? `${first.slice(0, 60)}…` : first}${refItems.length > 1 ? `等 ${refItems.length} 项` : ''}`;
    const body = refItems
      .map(
        (i) =>
          `${i.position}. ${i.description}——${i.outcomeLabel}。${i.reasons ? `理由：${i.reasons}` : ''}${i.legalBasis ? `（依据：${i.legalBasis}）` : ''}`,
      )
      .join('\n');
    const disposition = r.disposition && isDispositionCode(r.disposition) ? r.disposition : null;
    const tags = r.topic ? [r.topic] : [];
    const now = this.clock.now();
    const entry: Omit<LibraryEntryEntity, 'searchVector'> = {
      id: randomUUID(),
      kind: 'case',
      title,
      body,
      tags,
      source: null,
      sourceRequestId: r.id,
      agencyId: r.handlingAgencyId,
      year: Number((r.concludedOn ?? r.receivedOn).slice(0, 4)),
      disposition,
      items: refItems,
      letterText: letterHtml ? clean(htmlToText(letterHtml)) : null,
      typical: false,
      commentary: null,
      commentedBy: null,
      commentedAt: null,
      createdBy: 'system:worker',
      createdAt: now,
      updatedAt: now,
    };
    return this.insert(entry);
  }

  private async insert(entry: Omit<LibraryEntryEntity, 'searchVector'>): Promise<number> {
    const [head, rest] = this.vectorTerms(entry);
    const res = await this.dataSource.query<unknown[]>(
      `INSERT INTO library_entry (id, kind, title, body, tags, source, source_request_id, agency_id, year,
              disposition, items, letter_text, typical, commentary, commented_by, commented_at, created_by,
              created_at, updated_at, search_vector)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
               setweight(array_to_tsvector($20::text[]), 'A') || setweight(array_to_tsvector($21::text[]), 'B'))
       ON CONFLICT (source_request_id) WHERE source_request_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        entry.id,
        entry.kind,
        entry.title,
        entry.body,
        entry.tags,
        entry.source,
        entry.sourceRequestId,
        entry.agencyId,
        entry.year,
        entry.disposition,
        entry.items === null ? null : JSON.stringify(entry.items),
        entry.letterText,
        entry.typical,
        entry.commentary,
        entry.commentedBy,
        entry.commentedAt,
        entry.createdBy,
        entry.createdAt,
        entry.updatedAt,
        head,
        rest,
      ],
    );
    return res.length;
  }

  /** Title, tags and commentary (weight A); text and letter (weight B): jieba search terms, no repeats. */
  private vectorTerms(e: Pick<LibraryEntryEntity, 'title' | 'tags' | 'body' | 'letterText' | 'commentary'>) {
    const head = [...new Set(searchTerms([e.title, ...e.tags, e.commentary ?? ''].join('\n')))];
    const rest = [...new Set(searchTerms(`${e.body}\n${e.letterText ?? ''}`))];
    return [head, rest];
  }

  private async reindex(id: string) {
    const e = await this.dataSource.getRepository(LibraryEntryEntity).findOneByOrFail({ id });
    const [head, rest] = this.vectorTerms(e);
    await this.dataSource.query(
      `UPDATE library_entry SET search_vector = setweight(array_to_tsvector($2::text[]), 'A')
              || setweight(array_to_tsvector($3::text[]), 'B') WHERE id = $1`,
      [id, head, rest],
    );
  }

  /** The query's heaviest terms with their weights (jieba's IDF; an unknown name weighs like the rarest). */
  private queryTerms(text: string): [string, number][] {
    return [...weightedTerms(text)].sort((a, b) => b[1] - a[1]).slice(0, MAX_QUERY_TERMS);
  }

  /** Which entries the caller may see: curated ones, typical cases, and the cases of agencies in reach. */
  private visibility(caller: Caller<StaffPrincipal>, params: unknown[]): string {
    params.push(scopesFor(caller.principal, 'request.read').map((s) => `${s}%`));
    return `(e.kind <> 'case' OR e.typical OR a.path LIKE ANY ($${params.length}::text[]))`;
  }

  async search(
    caller: Caller<StaffPrincipal>,
    s: LibrarySearch,
  ): Promise<{ total: number; rows: LibraryHit[] }> {
    const q = (s.q ?? '').trim().slice(0, 200);
    const problems: FieldError[] = [];
    if (s.kind && !(LIBRARY_KINDS as readonly string[]).includes(s.kind)) {
      problems.push({ field: 'kind', code: 'kind.invalid', message: '请选择条目类别' });
    }
    if (problems.length) {
      throw new DomainError('VALIDATION.FAILED', 'invalid_input', '请修改以下内容。', problems);
    }
    const terms = q ? this.queryTerms(q) : [];
    const page = Math.max(1, Math.min(s.page ?? 1, 500));
    const params: unknown[] = [];
    const where = [this.visibility(caller, params)];
    if (s.kind) {
      params.push(s.kind);
      where.push(`e.kind = $${params.length}`);
    }
    if (s.typicalOnly) {
      where.push('e.typical');
    }
    let score = '0';
    if (q) {
      if (terms.length === 0) {
        return { total: 0, rows: [] };
      }
      params.push(terms.map(([t]) => lexeme(t)).join(' | '));
      where.push(`e.search_vector @@ $${params.length}::tsquery`);
    }
    const whereParams = params.length;
    if (q) {
      score = terms
        .map(([t, w]) => {
          params.push(lexeme(t), lexeme(t, ':A'));
          return `${w.toFixed(3)} * ((e.search_vector @@ $${params.length - 1}::tsquery)::int + (e.search_vector @@ $${params.length}::tsquery)::int)`;
        })
        .join(' + ');
    }
    const sql = `FROM library_entry e LEFT JOIN agency a ON a.id = e.agency_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.read.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total ${sql}`,
      params.slice(0, whereParams),
    );
    const rows = await this.read.dataSource.query<
      (Omit<LibraryHit, 'kindLabel' | 'passage' | 'outcomeLabel'> & {
        body: string;
        letterText: string | null;
        disposition: string | null;
      })[]
    >(
      `SELECT e.id, e.kind, e.title, e.tags, e.typical, a.name AS "agencyName", e.year, e.disposition,
              e.body, e.letter_text AS "letterText", (${score})::float8 AS score
         ${sql} ORDER BY score DESC, e.typical DESC, e.updated_at DESC, e.id
        LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`,
      params,
    );
    await this.audit.record(this.dataSource.manager, {
      actor: caller.principal.login,
      ip: caller.ip,
      action: 'library.searched',
      objectType: 'library',
      objectId: '-',
      result: 'success',
      details: { q, kind: s.kind || null, typicalOnly: !!s.typicalOnly, total },
    });
    const shown = terms.map(([t]) => t);
    return { total, rows: rows.map((r) => this.hit(r, shown)) };
  }

  private hit(
    r: Omit<LibraryHit, 'kindLabel' | 'passage' | 'outcomeLabel'> & {
      body: string;
      letterText: string | null;
      disposition: string | null;
    },
    terms: string[],
  ): LibraryHit {
    const inBody = passageOf(r.body, terms);
    const passage =
      !inBody.some((p) => p.hit) && r.letterText && terms.length ? passageOf(r.letterText, terms) : inBody;
    return {
      id: r.id,
      kind: r.kind,
      kindLabel: LIBRARY_KIND_LABELS[r.kind],
      title: r.title,
      tags: r.tags,
      typical: r.typical,
      agencyName: r.agencyName,
      year: r.year,
      outcomeLabel:
        r.disposition && isDispositionCode(r.disposition) ? DISPOSITION_INFO[r.disposition].label : null,
      passage,
      score: Number(r.score),
    };
  }

  /** One entry, if the caller may see it. */
  async entry(caller: Caller<StaffPrincipal>, id: string) {
    const params: unknown[] = [id];
    const [row] = await this.dataSource.query<
      (LibraryEntryEntity & { agencyName: string | null; agencyPath: string | null })[]
    >(
      `SELECT e.id, e.kind, e.title, e.body, e.tags, e.source, e.agency_id AS "agencyId", e.year, e.disposition,
              e.items, e.letter_text AS "letterText", e.typical, e.commentary, e.commented_by AS "commentedBy",
              e.commented_at AS "commentedAt", e.created_by AS "createdBy", e.created_at AS "createdAt",
              e.updated_at AS "updatedAt", a.name AS "agencyName", a.path AS "agencyPath"
         FROM library_entry e LEFT JOIN agency a ON a.id = e.agency_id
        WHERE e.id = $1 AND ${this.visibility(caller, params)}`,
      params,
    );
    if (!row) {
      throw libraryEntryNotFound(id);
    }
    const mayCurate =
      row.kind === 'case'
        ? !!row.agencyPath && canAt(caller.principal, 'library.curate', row.agencyPath)
        : hasPermission(caller.principal, 'library.curate');
    const { agencyPath: _p, ...rest } = row;
    return {
      ...rest,
      kindLabel: LIBRARY_KIND_LABELS[row.kind],
      outcomeLabel:
        row.disposition && isDispositionCode(row.disposition)
          ? DISPOSITION_INFO[row.disposition].label
          : null,
      mayCurate,
    };
  }

  private check(input: CuratedInput): CuratedInput {
    const problems: FieldError[] = [];
    if (!(CURATED_KINDS as readonly string[]).includes(input.kind)) {
      problems.push({ field: 'kind', code: 'kind.invalid', message: '请选择条目类别' });
    }
    if ((input.title ?? '').trim().length < 2) {
      problems.push({ field: 'title', code: 'title.required', message: '请填写标题' });
    }
    if ((input.body ?? '').trim().length < 10) {
      problems.push({ field: 'body', code: 'body.required', message: '请填写正文（至少 10 个字）' });
    }
    if (problems.length) {
      throw new DomainError('VALIDATION.FAILED', 'invalid_input', '请修改以下内容。', problems);
    }
    return {
      kind: input.kind,
      title: input.title.trim().slice(0, 200),
      body: input.body.trim().slice(0, 100_000),
      tags: [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))].slice(0, 20),
      source: input.source?.trim().slice(0, 500) || undefined,
    };
  }

  /** A curated entry (policy document, law, normative document, standard letter text); audited. */
  async add(caller: Caller<StaffPrincipal>, input: CuratedInput): Promise<{ id: string }> {
    this.mayCurateCurated(caller);
    const c = this.check(input);
    const now = this.clock.now();
    const id = randomUUID();
    await this.insert({
      id,
      kind: c.kind,
      title: c.title,
      body: c.body,
      tags: c.tags ?? [],
      source: c.source ?? null,
      sourceRequestId: null,
      agencyId: null,
      year: null,
      disposition: null,
      items: null,
      letterText: null,
      typical: false,
      commentary: null,
      commentedBy: null,
      commentedAt: null,
      createdBy: caller.principal.login,
      createdAt: now,
      updatedAt: now,
    });
    await this.audited(caller, 'library.entry_added', id, { kind: c.kind, title: c.title });
    return { id };
  }

  async update(caller: Caller<StaffPrincipal>, id: string, input: CuratedInput): Promise<{ id: string }> {
    this.mayCurateCurated(caller);
    const current = await this.dataSource.getRepository(LibraryEntryEntity).findOneBy({ id });
    if (!current || current.kind === 'case') {
      throw libraryEntryNotFound(id);
    }
    const c = this.check(input);
    await this.dataSource.getRepository(LibraryEntryEntity).update(
      { id },
      {
        kind: c.kind,
        title: c.title,
        body: c.body,
        tags: c.tags ?? [],
        source: c.source ?? null,
        updatedAt: this.clock.now(),
      },
    );
    await this.reindex(id);
    await this.audited(caller, 'library.entry_changed', id, { kind: c.kind, title: c.title });
    return { id };
  }

  private mayCurateCurated(caller: Caller<StaffPrincipal>) {
    if (!hasPermission(caller.principal, 'library.curate')) {
      throw new DomainError(
        'AUTH.FORBIDDEN',
        'forbidden',
        '只有法制审核人员或工作机构负责人可以维护案例库。',
      );
    }
  }

  /** 典型案例: a legal reviewer or office head of the answering agency marks a case, with a commentary. */
  async markTypical(
    caller: Caller<StaffPrincipal>,
    id: string,
    input: { typical: boolean; commentary?: string },
  ): Promise<{ id: string; typical: boolean }> {
    const [row] = await this.dataSource.query<{ kind: string; path: string | null }[]>(
      `SELECT e.kind, a.path FROM library_entry e LEFT JOIN agency a ON a.id = e.agency_id WHERE e.id = $1`,
      [id],
    );
    if (!row || row.kind !== 'case' || !row.path || !canAt(caller.principal, 'request.read', row.path)) {
      throw libraryEntryNotFound(id);
    }
    if (!canAt(caller.principal, 'library.curate', row.path)) {
      throw new DomainError(
        'AUTH.FORBIDDEN',
        'forbidden',
        '只有法制审核人员或工作机构负责人可以标记典型案例。',
      );
    }
    const commentary = input.commentary?.trim() ?? '';
    if (input.typical && commentary.length < 10) {
      throw new DomainError('VALIDATION.FAILED', 'invalid_input', '请修改以下内容。', [
        {
          field: 'commentary',
          code: 'commentary.required',
          message: '标记典型案例须写明评析（至少 10 个字）',
        },
      ]);
    }
    const now = this.clock.now();
    await this.dataSource.getRepository(LibraryEntryEntity).update(
      { id },
      {
        typical: input.typical,
        commentary: input.typical ? commentary.slice(0, 10_000) : null,
        commentedBy: input.typical ? caller.principal.login : null,
        commentedAt: input.typical ? now : null,
        updatedAt: now,
      },
    );
    await this.reindex(id);
    await this.audited(caller, input.typical ? 'library.marked_typical' : 'library.unmarked_typical', id, {});
    return { id, typical: input.typical };
  }

  private audited(
    caller: Caller<StaffPrincipal>,
    action: string,
    id: string,
    details: Record<string, unknown>,
  ) {
    return this.audit.record(this.dataSource.manager, {
      actor: caller.principal.login,
      ip: caller.ip,
      action,
      objectType: 'library_entry',
      objectId: id,
      result: 'success',
      details,
    });
  }

  /**
   * 办理参考: the past cases most like a request's items (its own excluded), each with its outcomes and
   * legal bases, for the handler drafting the reply.
   */
  async similarTo(caller: Caller<StaffPrincipal>, requestId: string, n = 5) {
    const items = await this.dataSource.query<{ description: string }[]>(
      `SELECT description FROM request_item WHERE request_id = $1 ORDER BY position`,
      [requestId],
    );
    const text = items.map((i) => i.description).join('\n');
    const terms = this.queryTerms(text);
    if (terms.length === 0) {
      return [];
    }
    const params: unknown[] = [requestId];
    const where = [
      `e.kind = 'case'`,
      `e.source_request_id IS DISTINCT FROM $1`,
      this.visibility(caller, params),
    ];
    params.push(terms.map(([t]) => lexeme(t)).join(' | '));
    where.push(`e.search_vector @@ $${params.length}::tsquery`);
    const score = terms
      .map(([t, w]) => {
        params.push(lexeme(t));
        return `${w.toFixed(3)} * (e.search_vector @@ $${params.length}::tsquery)::int`;
      })
      .join(' + ');
    const rows = await this.dataSource.query<
      {
        id: string;
        title: string;
        typical: boolean;
        year: number | null;
        disposition: string | null;
        items: ReferenceItem[];
        agencyName: string | null;
        score: number;
      }[]
    >(
      `SELECT e.id, e.title, e.typical, e.year, e.disposition, e.items, a.name AS "agencyName",
              (${score})::float8 AS score
         FROM library_entry e LEFT JOIN agency a ON a.id = e.agency_id
        WHERE ${where.join(' AND ')}
        ORDER BY score DESC, e.typical DESC, e.updated_at DESC, e.id LIMIT ${n}`,
      params,
    );
    const total = terms.reduce((s, [, w]) => s + w, 0);
    return rows.map((r) => ({
      ...r,
      outcomeLabel:
        r.disposition && isDispositionCode(r.disposition) ? DISPOSITION_INFO[r.disposition].label : null,
      /** The share of the request's term weight the case holds (0 … 1). */
      match: Math.round((Number(r.score) / total) * 100) / 100,
      bases: [...new Set((r.items ?? []).map((i) => i.legalBasis).filter((b): b is string => !!b))],
    }));
  }
}
