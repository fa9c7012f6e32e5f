import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RETENTION_BASIS, RetentionClass, retentionEndsOn, retentionExpired } from '@gongkai/domain';
import { APP_CONFIG, AuditService, Clock, DATA_KEY_VALUE_SQL, DataKeys } from '../platform';
import type { AppConfig } from '../platform';
import { CaseFileService } from './case-file.service';
import { PersonalDataErasureEntity } from './personal-data-erasure.entity';
import { DRAFT_DAYS } from '../requests/intake';

/** What replaces a name or a description that was erased. */
export const ERASED_TEXT = '（已删除）';

/**
 * Working records that hold personal data only for as long as the work needs them (PIPL Art. 19), deleted by
 * the same job: sessions (address, browser) 30 days after they ended, one-time codes a day after they
 * expired, the stored answers to retried submissions (which repeat the acknowledgement) after 7 days, and a
 * citizen's application form 30 days after it was last saved (as the portal says; its uploads then go too).
 */
export const WORKING_RECORDS: { table: string; days: number; ended: string }[] = [
  { table: 'session', days: 30, ended: 'COALESCE(revoked_at, expires_at)' },
  { table: 'one_time_code', days: 1, ended: 'expires_at' },
  { table: 'idempotency_key', days: 7, ended: 'created_at' },
  { table: 'application_draft', days: DRAFT_DAYS, ended: 'updated_at' },
];

/** A request whose personal data is due for erasure. */
export interface RetentionDue {
  id: string;
  number: string;
  retentionClass: RetentionClass;
  sealedOn: string | null;
  concludedOn: string;
  dueOn: string;
}

export interface RetentionRun {
  mode: AppConfig['retention']['mode'];
  /** Requests past their retention period and not yet erased (on hold ones excluded). */
  due: number;
  erased: number;
  /** Requests past the period but kept because a reconsideration or lawsuit about them is still open. */
  onHold: number;
  /** Working records deleted, by table (see WORKING_RECORDS). */
  purged: Record<string, number>;
}

/**
 * The retention job (docs/security.md "Retention"; 个人信息保护法 Art. 19, 47). When a request's case file
 * reaches the end of its retention period, its personal data is erased and what the annual statistics need
 * is kept:
 * - its data keys (the request's and its files') are shredded: ID numbers, phones, addresses, a third
 *   party's address and every uploaded file become unreadable wherever a copy is;
 * - the personal fields kept in the clear (names, e-mail, masked values, postal code, the items' wording, a
 *   third party's name) are overwritten, and anything under the keyring from before data keys is removed;
 * - the request, its items' outcomes, events, dates and disposition stay, so Table 3 and the analysis of
 *   every year count as before;
 * - one erasure record per request (append-only: when, why, the hashes of the changed records just before,
 *   whether the sealed case file was intact) and an audit entry.
 * A request with an open reconsideration or lawsuit is held. Safe on several worker replicas (rows locked,
 * skipped when taken). `RETENTION_MODE=report` only reports, `off` does nothing.
 */
@Injectable()
export class RetentionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dataKeys: DataKeys,
    private readonly caseFiles: CaseFileService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Requests due for erasure today, oldest first (`limit` at most); held ones (open remedies) left out. */
  async due(
    em: EntityManager = this.dataSource.manager,
    limit = 1000,
    lock = false,
  ): Promise<RetentionDue[]> {
    const rows = await this.pastRetention(em, { held: false, limit, lock });
    const today = this.clock.today();
    const years = this.config.retention.years;
    return rows
      .map((r) => ({
        r,
        facts: { retentionClass: r.retention_class, sealedOn: r.sealed_on, concludedOn: r.concluded_on },
      }))
      .filter(({ facts }) => retentionExpired(facts, today, years))
      .map(({ r, facts }) => ({
        id: r.id,
        number: r.number,
        retentionClass: r.retention_class,
        sealedOn: r.sealed_on,
        concludedOn: r.concluded_on,
        dueOn: retentionEndsOn(facts, years)!,
      }));
  }

  /** Requests past their retention period but held by an open reconsideration or lawsuit. */
  async onHold(): Promise<number> {
    return (await this.pastRetention(this.dataSource.manager, { held: true, limit: 100000, lock: false }))
      .length;
  }

  /**
   * Concluded requests not yet erased whose file was formed no later than the last year that can be due
   * today — in SQL, the rule of `retentionEndsOn` by whole years (the rule itself checks each row again).
   */
  private pastRetention(em: EntityManager, o: { held: boolean; limit: number; lock: boolean }) {
    const thisYear = Number(this.clock.today().slice(0, 4));
    const years = this.config.retention.years;
    return em.query<
      {
        id: string;
        number: string;
        retention_class: RetentionClass;
        sealed_on: string | null;
        concluded_on: string;
      }[]
    >(
      `SELECT r.id, r.number, COALESCE(cf.retention_class, a.retention_class) AS retention_class,
              to_char(cf.sealed_on, 'YYYY-MM-DD') AS sealed_on, to_char(r.concluded_on, 'YYYY-MM-DD') AS concluded_on
         FROM request r
         JOIN agency a ON a.id = r.agency_id
         LEFT JOIN case_file cf ON cf.request_id = r.id
        WHERE r.concluded_on IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM personal_data_erasure e WHERE e.request_id = r.id)
          AND ${o.held ? '' : 'NOT'} EXISTS (
                SELECT 1 FROM remedy_case rc WHERE rc.request_id = r.id AND rc.concluded_on IS NULL)
          AND (
            (COALESCE(cf.retention_class, a.retention_class) = '10y'
              AND extract(year FROM COALESCE(cf.sealed_on, r.concluded_on)) <= $1)
            OR (COALESCE(cf.retention_class, a.retention_class) = '30y'
              AND extract(year FROM COALESCE(cf.sealed_on, r.concluded_on)) <= $2))
        ORDER BY COALESCE(cf.sealed_on, r.concluded_on), r.id
        LIMIT ${Math.max(1, Math.floor(o.limit))}
        ${o.lock ? 'FOR UPDATE OF r SKIP LOCKED' : ''}`,
      [thisYear - 1 - years['10y'], thisYear - 1 - years['30y']],
    );
  }

  /** One run of the job: erases (or, in `report` mode, lists) every request due, in batches. */
  async run(batch = 50): Promise<RetentionRun> {
    const mode = this.config.retention.mode;
    if (mode === 'off') {
      return { mode, due: 0, erased: 0, onHold: 0, purged: {} };
    }
    const onHold = await this.onHold();
    if (mode === 'report') {
      const due = await this.due();
      if (due.length > 0 || onHold > 0) {
        await this.audit.record(null, {
          actor: 'system:worker',
          ip: '',
          action: 'personal_data.retention_due',
          objectType: 'request',
          objectId: '',
          result: 'success',
          details: { mode, due: due.length, onHold, numbers: due.slice(0, 100).map((d) => d.number) },
        });
      }
      return { mode, due: due.length, erased: 0, onHold, purged: {} };
    }
    let erased = 0;
    for (;;) {
      // One batch per transaction; another replica's locked rows are skipped (and erased by it).
      const done = await this.dataSource.transaction(async (em) => {
        const due = await this.due(em, batch, true);
        for (const d of due) {
          await this.erase(em, d);
        }
        return due.length;
      });
      erased += done;
      if (done < batch) {
        break;
      }
    }
    return { mode, due: erased, erased, onHold, purged: await this.purgeWorkingRecords() };
  }

  /** Deletes the working records past their time (WORKING_RECORDS); audited when any went. */
  async purgeWorkingRecords(): Promise<Record<string, number>> {
    const now = this.clock.now().getTime();
    const purged: Record<string, number> = {};
    await this.dataSource.transaction(async (em) => {
      for (const w of WORKING_RECORDS) {
        const res = await em.query<[unknown[], number]>(`DELETE FROM ${w.table} WHERE ${w.ended} < $1`, [
          new Date(now - w.days * 86_400_000),
        ]);
        purged[w.table] = Number(res[1] ?? 0);
      }
      if (Object.values(purged).some((n) => n > 0)) {
        await this.audit.record(em, {
          actor: 'system:worker',
          ip: '',
          action: 'personal_data.working_records_purged',
          objectType: '',
          objectId: '',
          result: 'success',
          details: purged,
        });
      }
    });
    return purged;
  }

  /** Erases one request's personal data (its row is locked by the caller's transaction). */
  private async erase(em: EntityManager, d: RetentionDue): Promise<void> {
    const now = this.clock.now();
    // Checked before anything changes: the erasure record says whether the sealed file was intact.
    const current = await this.caseFiles.manifest(em, d.id);
    const sealed = await this.caseFiles.check(em, d.id, current);
    const caseFileIntact = sealed ? sealed.ok : null;
    // What the request says about the applicant, agent and third parties, read while it still can be:
    // where the events or the reply draft repeat it (the acknowledgement, a notice), it is removed there too.
    const known = await this.knownPersonalData(em, d.id);
    const keys = await em.query<{ id: string }[]>(
      `SELECT data_key_id AS id FROM request WHERE id = $1 AND data_key_id IS NOT NULL
       UNION SELECT data_key_id FROM attachment WHERE request_id = $1 AND data_key_id IS NOT NULL`,
      [d.id],
    );
    const keysShredded = await this.dataKeys.shred(
      em,
      keys.map((k) => k.id),
    );
    const erasure: PersonalDataErasureEntity = {
      requestId: d.id,
      erasedOn: this.clock.today(),
      erasedAt: now,
      retentionClass: d.retentionClass,
      dueOn: d.dueOn,
      basis: RETENTION_BASIS,
      keysShredded,
      // The records the erasure rewrites, with their hashes as they were (the manifest's, if intact).
      before: [] as PersonalDataErasureEntity['before'],
      caseFileIntact,
    };
    const scrubbedEvents = await this.scrubEvents(em, d.id, known);
    // The records the erasure rewrites, with their hashes as they were (the manifest's, if intact).
    erasure.before = current
      .filter(
        (e) =>
          e.type === 'request' ||
          e.type === 'item' ||
          e.type === 'consultation' ||
          (e.type === 'event' && scrubbedEvents.has(e.id)),
      )
      .map(({ type, id, sha256 }) => ({ type, id, sha256 }));
    // The record first: an archived request's row admits the erasure only once it is on record.
    await em.insert(PersonalDataErasureEntity, erasure);
    const [{ draft }] = await em.query<{ draft: unknown }[]>(`SELECT draft FROM request WHERE id = $1`, [
      d.id,
    ]);
    const keep = (column: string, otherwise: string) =>
      `CASE WHEN ${column} ~ '${DATA_KEY_VALUE_SQL}' THEN ${column} ELSE ${otherwise} END`;
    await em.query(
      `UPDATE request SET
         applicant_name = $2,
         id_number_enc = ${keep('id_number_enc', 'NULL')},
         id_number_masked = NULL,
         contact_person = NULL,
         phone_enc = ${keep('phone_enc', `''`)},
         phone_masked = '',
         email = NULL,
         address_enc = ${keep('address_enc', 'NULL')},
         address_masked = NULL,
         postal_code = NULL,
         draft = $3::jsonb,
         agent = CASE WHEN agent IS NULL THEN NULL ELSE jsonb_build_object(
           'name', $2::text,
           'idType', agent->'idType',
           'idNumberEnc', ${keep(`agent->>'idNumberEnc'`, `''`)},
           'idNumberMasked', '',
           'phoneEnc', ${keep(`agent->>'phoneEnc'`, `''`)},
           'phoneMasked', '',
           'powerOfAttorneyAttachmentId', agent->'powerOfAttorneyAttachmentId') END
       WHERE id = $1`,
      [d.id, ERASED_TEXT, draft === null ? null : JSON.stringify(scrub(draft, known))],
    );
    await em.query(`UPDATE request_item SET description = $2 WHERE request_id = $1`, [d.id, ERASED_TEXT]);
    await em.query(
      `UPDATE consultation SET
         party_name = CASE WHEN party = 'third_party' THEN $2 ELSE party_name END,
         party_address = ${keep('party_address', 'NULL')}
       WHERE request_id = $1`,
      [d.id, ERASED_TEXT],
    );
    await this.audit.record(em, {
      actor: 'system:worker',
      ip: '',
      action: 'personal_data.erased',
      objectType: 'request',
      objectId: d.id,
      result: 'success',
      details: {
        number: d.number,
        retentionClass: d.retentionClass,
        dueOn: d.dueOn,
        basis: RETENTION_BASIS,
        keysShredded,
        caseFileIntact,
        eventsScrubbed: scrubbedEvents.size,
      },
    });
  }

  /** The personal values of a request in the clear (decrypted while its keys still exist), longest first. */
  private async knownPersonalData(em: EntityManager, requestId: string): Promise<string[]> {
    const [r] = await em.query<
      {
        applicant_name: string;
        contact_person: string | null;
        email: string | null;
        id_number_enc: string | null;
        phone_enc: string;
        address_enc: string | null;
        agent: { name: string; idNumberEnc: string; phoneEnc: string } | null;
      }[]
    >(
      `SELECT applicant_name, contact_person, email, id_number_enc, phone_enc, address_enc, agent
         FROM request WHERE id = $1`,
      [requestId],
    );
    const parties = await em.query<{ party_name: string; party_address: string | null }[]>(
      `SELECT party_name, party_address FROM consultation WHERE request_id = $1 AND party = 'third_party'`,
      [requestId],
    );
    const plain = async (v: string | null | undefined) => {
      try {
        return await this.dataKeys.decrypt(v, em);
      } catch {
        return null;
      }
    };
    const values = [
      r.applicant_name,
      r.contact_person,
      r.email,
      await plain(r.id_number_enc),
      await plain(r.phone_enc),
      await plain(r.address_enc),
      r.agent?.name,
      await plain(r.agent?.idNumberEnc),
      await plain(r.agent?.phoneEnc),
      ...parties.map((p) => p.party_name),
      ...(await Promise.all(parties.map((p) => plain(p.party_address)))),
    ];
    return [
      ...new Set(values.filter((v): v is string => !!v && v.trim().length >= 2 && v !== ERASED_TEXT)),
    ].sort((a, b) => b.length - a.length);
  }

  /** Removes the known personal values from the request's events; answers the ids of those it changed. */
  private async scrubEvents(em: EntityManager, requestId: string, known: string[]): Promise<Set<string>> {
    const events = await em.query<{ id: string; data: unknown }[]>(
      `SELECT id::text AS id, data FROM request_event WHERE request_id = $1`,
      [requestId],
    );
    const changed = new Set<string>();
    for (const e of events) {
      const data = scrub(e.data, known);
      if (JSON.stringify(data) !== JSON.stringify(e.data)) {
        await em.query(`UPDATE request_event SET data = $2::jsonb WHERE id = $1`, [
          e.id,
          JSON.stringify(data),
        ]);
        changed.add(e.id);
      }
    }
    return changed;
  }
}

/** Every string inside `value` with each known personal value replaced by the erased mark. */
export function scrub<T>(value: T, known: string[]): T {
  if (typeof value === 'string') {
    return known.reduce((s, k) => s.split(k).join(ERASED_TEXT), value as string) as T;
  }
  if (Array.isArray(value)) {
    return value.map((v: unknown) => scrub(v, known)) as T;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, known)])) as T;
  }
  return value;
}
