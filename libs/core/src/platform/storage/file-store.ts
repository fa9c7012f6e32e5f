import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@gongkai/domain';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { sha256Hex } from '../hashing/sha256';
import { EMPTY_SHA256, amzDateOf, encodePath, signV4 } from './s3-signature';

/**
 * Where the bodies of uploaded files live. PostgreSQL is the default (the body in its row, so a backup
 * holds everything); an S3-compatible object store is the option for a province's volume
 * (`FILE_STORE=s3`). Either way the database keeps the file's SHA-256, and every read is checked against
 * it: a body changed or swapped in the store is refused, never served.
 */
@Injectable()
export class FileStore {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether bodies go to the object store (else they stay in their database row). */
  get external(): boolean {
    return this.config.fileStore === 's3' && this.config.s3 !== null;
  }

  private async s3(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer): Promise<Response> {
    const s3 = this.config.s3!;
    const url = new URL(s3.endpoint);
    const path = `/${encodePath(s3.bucket)}/${encodePath(key)}`;
    const payload = body ? sha256Hex(body) : EMPTY_SHA256;
    const headers = signV4(
      {
        method,
        host: url.host,
        path,
        headers: body ? { 'content-type': 'application/octet-stream' } : {},
      },
      payload,
      { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, region: s3.region },
      amzDateOf(new Date()),
    );
    try {
      return await fetch(`${s3.endpoint}${path}`, {
        method,
        headers,
        ...(body ? { body: new Uint8Array(body) } : {}),
      });
    } catch (e) {
      throw new DomainError('FILE.STORE_FAILED', 'unavailable', '文件存储暂时不可用，请稍后再试。', {
        reason: (e as Error).message,
      });
    }
  }

  /** Stores a body under its key (the object store only). */
  async put(key: string, bytes: Buffer): Promise<void> {
    const res = await this.s3('PUT', key, bytes);
    if (!res.ok) {
      throw new DomainError('FILE.STORE_FAILED', 'unavailable', '文件存储暂时不可用，请稍后再试。', {
        status: res.status,
      });
    }
  }

  /** A body from the object store as it is there (null when it is missing): for verification. */
  async read(key: string): Promise<Buffer | null> {
    const res = await this.s3('GET', key);
    if (res.status === 404) {
      return null;
    }
    if (!res.ok) {
      throw new DomainError('FILE.STORE_FAILED', 'unavailable', '文件存储暂时不可用，请稍后再试。', {
        status: res.status,
      });
    }
    return Buffer.from(await res.arrayBuffer());
  }

  /** A body from the object store, checked against the SHA-256 the database keeps for it. */
  async get(key: string, sha256: string): Promise<Buffer> {
    const body = await this.read(key);
    if (!body) {
      throw fileIntegrity(key, 'missing');
    }
    return checkedBody(key, body, sha256);
  }

  async remove(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.s3('DELETE', key).catch(() => undefined);
    }
  }
}

export function fileIntegrity(key: string, problem: 'changed' | 'missing'): DomainError {
  return new DomainError(
    'FILE.INTEGRITY',
    'internal',
    '文件校验未通过（与登记的校验值不符或已缺失），已拒绝提供，请联系系统管理员。',
    {
      key,
      problem,
    },
  );
}

/** The body if its SHA-256 is the one on record; refused otherwise. */
export function checkedBody(key: string, body: Buffer, sha256: string): Buffer {
  if (sha256Hex(body) !== sha256) {
    throw fileIntegrity(key, 'changed');
  }
  return body;
}
