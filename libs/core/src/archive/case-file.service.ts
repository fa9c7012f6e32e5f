import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgencyEntity } from '../agencies';
import { AttachmentEntity } from '../attachments';
import type { AttachmentPurpose } from '../attachments';
import { ConsultationEntity } from '../handling';
import { AuditService, Caller, FileStore, StaffPrincipal, nextGapFree, sha256Hex } from '../platform';
import { LetterEntity, LetterService } from '../letters';
import { ActionView, RequestActionRunner } from '../requests/moves';
import { RequestAccessService } from '../request-record';
import { RequestEntity, RequestEventEntity, RequestItemEntity } from '../request-record';
import { DomainError } from '@gongkai/domain';
import { canonicalJson } from '../platform';
import { CaseFileEntity, ManifestEntry } from './case-file.entity';
import { PersonalDataErasureEntity } from './personal-data-erasure.entity';

export const RETENTION_LABELS = { permanent: '永久', '30y': '30年', '10y': '10年' } as const;

/**
 * How the manifest names a file: by what it is for, never by the uploader's file name (which may carry
 * a name), since a sealed manifest cannot be changed when the personal data is erased.
 */
const ATTACHMENT_LABELS: Record<AttachmentPurpose, string> = {
  application: '申请材料',
  identity: '身份证明',
  power_of_attorney: '授权委托书',
  correction: '补正材料',
  consultation_answer: '征求意见答复',
  payment_receipt: '缴费凭证',
  proof_of_service: '送达凭证',
  withdrawal: '撤回申请',
  other: '其他材料',
};

export interface CaseFileVerification {
  ok: boolean;
  archiveNumber: string;
  manifestSha256: string;
  checked: number;
  /** Entries whose record changed or vanished since sealing. */
  mismatches: (Pick<ManifestEntry, 'type' | 'id' | 'label'> & { problem: 'changed' | 'missing' })[];
  manifestIntact: boolean;
  /**
   * When the personal data was erased at the end of its retention period: the records the erasure changed,
   * each shown to have been as sealed just before it (their hashes then equal the manifest's).
   */
  erasure: {
    erasedOn: string;
    basis: string;
    entries: Pick<ManifestEntry, 'type' | 'id' | 'label'>[];
  } | null;
}

/**
 * Archiving (docs/domain-rules.md "Archive"): the case file lists every record of the request (the request,
 * its items, events, letters, attachments and consultations; review opinions are events) with the
 * SHA-256 of each, and the hash of that manifest seals it. Verification recomputes every hash.
 */
@Injectable()
export class CaseFileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: RequestActionRunner,
    private readonly access: RequestAccessService,
    private readonly audit: AuditService,
    private readonly letters: LetterService,
    private readonly files: FileStore,
  ) {}

  archive(caller: Caller<StaffPrincipal>, id: string, version?: number): Promise<ActionView> {
    return this.runner.staff(caller, id, 'archive', 'request.handle', version, async (ctx) => {
      const agency = await ctx.em.getRepository(AgencyEntity).findOneByOrFail({ id: ctx.request.agencyId });
      // A letter still waiting to be rendered is rendered now, inside this transaction, so it is sealed.
      await this.letters.produce({ requestId: ctx.request.id }, ctx.em);
      const manifest = await this.manifest(ctx.em, ctx.request.id);
      const year = Number(ctx.today.slice(0, 4));
      const seq = await nextGapFree(ctx.em, {
        table: 'document_counter',
        key: { agency_id: agency.id, year, series: 'archive' },
      });
      const file: CaseFileEntity = {
        requestId: ctx.request.id,
        archiveNumber: `${agency.shortName}·依申请公开·${year}·${RETENTION_LABELS[agency.retentionClass]}·${String(seq).padStart(4, '0')}`,
        retentionClass: agency.retentionClass,
        manifest,
        manifestSha256: sha256Hex(canonicalJson(manifest)),
        sealedOn: ctx.today,
        sealedAt: ctx.now,
        sealedBy: ctx.actor,
      };
      await ctx.em.insert(CaseFileEntity, file);
      return {
        type: 'archived',
        data: {
          archiveNumber: file.archiveNumber,
          manifestSha256: file.manifestSha256,
          entries: manifest.length,
        },
        after: () =>
          Promise.resolve({
            archiveNumber: file.archiveNumber,
            manifestSha256: file.manifestSha256,
            retentionClass: file.retentionClass,
          }),
      };
    });
  }

  /** Recomputes every hash of the sealed case file against the records as they are now. */
  async verify(caller: Caller<StaffPrincipal>, id: string): Promise<CaseFileVerification> {
    await this.access.forStaff(caller, id, 'request.read');
    const verification = await this.check(this.dataSource.manager, id);
    if (!verification) {
      throw new DomainError('ARCHIVE.NOT_ARCHIVED', 'not_found', '该申请尚未归档。', { id });
    }
    return verification;
  }

  /**
   * Recomputes every hash of the request's sealed case file (null when it has none): a record changed
   * since sealing is a mismatch, unless the retention erasure changed it and recorded that it was as
   * sealed just before.
   */
  async check(
    em: EntityManager,
    id: string,
    /** The manifest as it is now, when the caller has it already. */
    current?: ManifestEntry[],
  ): Promise<CaseFileVerification | null> {
    const file = await em.getRepository(CaseFileEntity).findOneBy({ requestId: id });
    if (!file) {
      return null;
    }
    const now = new Map((current ?? (await this.manifest(em, id))).map((e) => [`${e.type}:${e.id}`, e]));
    const erasure = await em.getRepository(PersonalDataErasureEntity).findOneBy({ requestId: id });
    const erasedBefore = new Map((erasure?.before ?? []).map((e) => [`${e.type}:${e.id}`, e.sha256]));
    const mismatches: CaseFileVerification['mismatches'] = [];
    const erased: Pick<ManifestEntry, 'type' | 'id' | 'label'>[] = [];
    for (const e of file.manifest) {
      const current = now.get(`${e.type}:${e.id}`);
      if (current && current.sha256 !== e.sha256 && erasedBefore.get(`${e.type}:${e.id}`) === e.sha256) {
        // Changed by the erasure only: as sealed up to it (recorded then), personal fields removed since.
        erased.push({ type: e.type, id: e.id, label: e.label });
      } else if (!current || current.sha256 !== e.sha256) {
        mismatches.push({ type: e.type, id: e.id, label: e.label, problem: current ? 'changed' : 'missing' });
      }
    }
    const manifestIntact = sha256Hex(canonicalJson(file.manifest)) === file.manifestSha256;
    return {
      ok: mismatches.length === 0 && manifestIntact,
      archiveNumber: file.archiveNumber,
      manifestSha256: file.manifestSha256,
      checked: file.manifest.length,
      mismatches,
      manifestIntact,
      erasure: erasure ? { erasedOn: erasure.erasedOn, basis: erasure.basis, entries: erased } : null,
    };
  }

  async caseFile(caller: Caller<StaffPrincipal>, id: string): Promise<CaseFileEntity> {
    await this.access.forStaff(caller, id, 'request.read');
    const file = await this.dataSource.getRepository(CaseFileEntity).findOneBy({ requestId: id });
    if (!file) {
      throw new DomainError('ARCHIVE.NOT_ARCHIVED', 'not_found', '该申请尚未归档。', { id });
    }
    await this.audit.record(null, {
      actor: caller.principal.login,
      ip: caller.ip,
      action: 'case_file.viewed',
      objectType: 'case_file',
      objectId: file.archiveNumber,
      result: 'success',
      details: { requestId: id },
    });
    return file;
  }

  /** The manifest of the request's records as they are now (what sealing writes, what verifying compares). */
  async manifest(em: EntityManager, requestId: string): Promise<ManifestEntry[]> {
    const request = await em.getRepository(RequestEntity).findOneByOrFail({ id: requestId });
    // The seal itself moves the row to `archived` (status and version); everything else is sealed.
    const { version: _version, status: _status, ...row } = request;
    const entries: ManifestEntry[] = [
      { type: 'request', id: request.id, label: request.number, sha256: sha256Hex(canonicalJson(row)) },
    ];
    const items = await em
      .getRepository(RequestItemEntity)
      .find({ where: { requestId }, order: { position: 'ASC' } });
    entries.push(
      ...items.map((i) => ({
        type: 'item' as const,
        id: String(i.position),
        label: `第${i.position}项`,
        sha256: sha256Hex(canonicalJson(i)),
      })),
    );
    const events = await em
      .getRepository(RequestEventEntity)
      .find({ where: { requestId }, order: { id: 'ASC' } });
    entries.push(
      ...events
        .filter((e) => e.type !== 'archived')
        .map((e) => ({
          type: 'event' as const,
          id: e.id,
          label: `${e.onDate} ${e.type}`,
          sha256: sha256Hex(canonicalJson(e)),
        })),
    );
    const letters = await em
      .getRepository(LetterEntity)
      .createQueryBuilder('l')
      .addSelect(['l.html', 'l.docx'])
      .where('l.request_id = :requestId', { requestId })
      .orderBy('l.issued_at', 'ASC')
      .getMany();
    entries.push(
      ...letters.map((l) => ({
        type: 'letter' as const,
        id: l.id,
        label: `${l.title} ${l.number}`,
        sha256: sha256Hex(`${sha256Hex(l.html)}:${sha256Hex(l.docx)}`),
      })),
    );
    const attachments = await em
      .getRepository(AttachmentEntity)
      .createQueryBuilder('a')
      .addSelect('a.content')
      .where('a.request_id = :requestId', { requestId })
      .orderBy('a.created_at', 'ASC')
      .getMany();
    for (const a of attachments) {
      // The body as it is now, in its row or the object store (a missing one hashes as empty).
      const body = a.storageKey ? await this.files.read(a.storageKey) : a.content;
      entries.push({
        type: 'attachment' as const,
        id: a.id,
        label: `${ATTACHMENT_LABELS[a.purpose]}（${a.fileType.toUpperCase()}）`,
        sha256: sha256Hex(body ?? ''),
      });
    }
    const consultations = await em
      .getRepository(ConsultationEntity)
      .find({ where: { requestId }, order: { openedOn: 'ASC' } });
    entries.push(
      ...consultations.map((c) => ({
        type: 'consultation' as const,
        id: c.id,
        // Not the party's name: a third party may be a person (and the manifest is never changed).
        label: `${c.party === 'third_party' ? '征求第三方意见' : '征求有关机关意见'}（${c.openedOn}）`,
        sha256: sha256Hex(canonicalJson(c)),
      })),
    );
    return entries;
  }
}
