import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import {
  ALLOWED_FILE_TYPES,
  DomainError,
  MAX_ATTACHMENT_BYTES,
  invalidInput,
  checkUpload,
  validationFailed,
} from '@gongkai/domain';
import {
  AuditService,
  DataKeys,
  FileStore,
  checkedBody,
  fileIntegrity,
  personalDataErased,
  sha256Hex,
} from '../platform';
import { Clock } from '../platform';
import { Caller, actorOf } from '../platform';
import { AttachmentEntity, AttachmentPurpose } from './attachment.entity';

export interface AttachmentView {
  id: string;
  purpose: AttachmentPurpose;
  fileName: string;
  fileType: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

export function toAttachmentView(a: AttachmentEntity): AttachmentView {
  return {
    id: a.id,
    purpose: a.purpose,
    fileName: a.fileName,
    fileType: a.fileType,
    mediaType: a.mediaType,
    size: a.size,
    sha256: a.sha256,
    createdAt: a.createdAt,
  };
}

/** Keeps letters, digits, CJK and a few safe marks; the extension comes from the detected type. */
export function safeFileName(original: string, extension: string): string {
  const base = original
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N}_\-（）() ]+/gu, '_')
    .trim()
    .slice(0, 80);
  return `${base || 'file'}.${extension}`;
}

/** How many uploads a citizen may hold that no request uses yet. */
export const MAX_PENDING_UPLOADS = 30;
/** An upload no request uses is purged after this long (unless its citizen keeps a draft). */
export const ORPHAN_UPLOAD_MS = 24 * 60 * 60 * 1000;

/** Uploads (docs/domain-rules.md, "Input and files"): size limit, type by magic bytes, server-side names, owner-bound. */
@Injectable()
export class AttachmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly files: FileStore,
    private readonly dataKeys: DataKeys,
  ) {}

  async upload(
    caller: Caller,
    file: { originalName: string; bytes: Buffer } | undefined,
    purpose: AttachmentPurpose,
  ): Promise<AttachmentView> {
    if (!file || file.bytes.length === 0) {
      throw invalidInput('file', 'file.required', '请选择要上传的文件');
    }
    if (file.bytes.length > MAX_ATTACHMENT_BYTES) {
      throw invalidInput('file', 'file.tooLarge', `文件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
    }
    const checked = checkUpload(file.bytes);
    if (!('type' in checked)) {
      throw invalidInput('file', checked.problem, checked.message);
    }
    const type = checked.type;
    const { mediaType, extension } = ALLOWED_FILE_TYPES[type];
    const p = caller.principal;
    if (p.kind === 'citizen') {
      const pending = await this.dataSource
        .getRepository(AttachmentEntity)
        .countBy({ citizenId: p.citizenId, requestId: IsNull() });
      if (pending >= MAX_PENDING_UPLOADS) {
        throw invalidInput(
          'file',
          'file.quota',
          `尚未提交的附件已有 ${MAX_PENDING_UPLOADS} 个，请先提交申请或删除草稿中的附件`,
        );
      }
    }
    const id = randomUUID();
    const storageKey = this.files.external ? `attachments/${id}` : null;
    const entity = await this.dataSource.transaction(async (em) => {
      // The body is encrypted under a data key of its own, shredded with the request's personal data at
      // the end of its retention period (docs/security.md "Retention").
      const dataKey = await this.dataKeys.create(em);
      const sealed = dataKey.cipher.encryptBytes(file.bytes);
      // In the object store the body goes first; a row that then fails to commit leaves an object no
      // row names, which nobody can download (and the store's lifecycle rules can clear).
      if (storageKey) {
        await this.files.put(storageKey, sealed);
      }
      const row = em.getRepository(AttachmentEntity).create({
        id,
        requestId: null,
        citizenId: p.kind === 'citizen' ? p.citizenId : null,
        uploadedById: p.kind === 'staff' ? p.userId : null,
        purpose,
        fileType: type,
        mediaType,
        fileName: safeFileName(file.originalName, extension),
        size: file.bytes.length,
        sha256: sha256Hex(file.bytes),
        content: storageKey ? null : sealed,
        storageKey,
        dataKeyId: dataKey.id,
        createdAt: this.clock.now(),
      });
      await em.save(row);
      await this.audit.record(em, {
        actor: actorOf(p),
        ip: caller.ip,
        action: 'attachment.uploaded',
        objectType: 'attachment',
        objectId: row.id,
        result: 'success',
        details: { purpose, fileType: type, size: row.size, sha256: row.sha256 },
      });
      return row;
    });
    return toAttachmentView(entity);
  }

  /**
   * Purges uploads that no request took within a day: abandoned forms, refused moves. A citizen's
   * stay while they keep an application draft (the draft lists them). Returns how many went.
   */
  async purgeOrphans(now: Date): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const gone = await em.query<{ id: string; storage_key: string | null; data_key_id: string | null }[]>(
        `DELETE FROM attachment a
          WHERE a.request_id IS NULL AND a.created_at < $1
            AND NOT EXISTS (SELECT 1 FROM application_draft d WHERE d.citizen_id = a.citizen_id)
          RETURNING a.id, a.storage_key, a.data_key_id`,
        [new Date(now.getTime() - ORPHAN_UPLOAD_MS)],
      );
      const rows = Array.isArray(gone[0]) ? (gone[0] as typeof gone) : gone;
      const ids = rows.map((r) => r.id);
      await this.files.remove(rows.map((r) => r.storage_key).filter((k): k is string => k !== null));
      await this.dataKeys.shred(
        em,
        rows.map((r) => r.data_key_id).filter((k): k is string => k !== null),
      );
      if (ids.length > 0) {
        await this.audit.record(em, {
          actor: 'system:worker',
          ip: '',
          action: 'attachment.orphans_purged',
          objectType: 'attachment',
          objectId: '',
          result: 'success',
          details: { count: ids.length },
        });
      }
      return ids.length;
    });
  }

  /** Attaches the caller's own, not yet used uploads to a new request (all or nothing). */
  /** `field` names the input the ids came from, so a refusal points at it. */
  async linkToRequest(
    em: EntityManager,
    caller: Caller,
    ids: string[],
    requestId: string,
    field = 'attachmentIds',
  ): Promise<void> {
    const p = caller.principal;
    const owner = p.kind === 'citizen' ? { citizenId: p.citizenId } : { uploadedById: p.userId };
    const result = await em.update(
      AttachmentEntity,
      { id: In(ids), requestId: IsNull(), ...owner },
      { requestId },
    );
    if ((result.affected ?? 0) !== ids.length) {
      throw validationFailed([
        { field, code: 'attachment.unavailable', message: '附件不存在、不属于您或已被使用' },
      ]);
    }
  }

  async listForRequest(requestId: string): Promise<AttachmentView[]> {
    const rows = await this.dataSource
      .getRepository(AttachmentEntity)
      .find({ where: { requestId }, order: { createdAt: 'ASC' } });
    return rows.map(toAttachmentView);
  }

  /** The file of a request whose access the caller has already been checked for (else 404). */
  async content(requestId: string, attachmentId: string): Promise<{ view: AttachmentView; bytes: Buffer }> {
    const row = await this.dataSource
      .getRepository(AttachmentEntity)
      .createQueryBuilder('a')
      .addSelect('a.content')
      .where('a.id = :attachmentId AND a.request_id = :requestId', { attachmentId, requestId })
      .getOne();
    if (!row) {
      throw new DomainError('ATTACHMENT.NOT_FOUND', 'not_found', '附件不存在或无权查看。', {
        id: attachmentId,
      });
    }
    return { view: toAttachmentView(row), bytes: await this.body(row) };
  }

  /**
   * A file's body from its row or the object store, decrypted under its data key (refused once the key is
   * shredded) and checked against its SHA-256 either way.
   */
  async body(
    row: Pick<AttachmentEntity, 'id' | 'sha256' | 'content' | 'storageKey' | 'dataKeyId'>,
  ): Promise<Buffer> {
    if (!row.dataKeyId) {
      // A file uploaded before data keys, kept in the clear.
      if (row.storageKey) {
        return this.files.get(row.storageKey, row.sha256);
      }
      return checkedBody(`attachment/${row.id}`, row.content ?? Buffer.alloc(0), row.sha256);
    }
    const key = row.storageKey ?? `attachment/${row.id}`;
    const stored = row.storageKey ? await this.files.read(row.storageKey) : row.content;
    if (!stored) {
      throw fileIntegrity(key, 'missing');
    }
    let plain: Buffer | null;
    try {
      plain = await this.dataKeys.decryptBytes(stored);
    } catch {
      // A body whose tag no longer matches was changed where it is stored.
      throw fileIntegrity(key, 'changed');
    }
    if (!plain) {
      throw personalDataErased({ attachmentId: row.id });
    }
    return checkedBody(key, plain, row.sha256);
  }
}
