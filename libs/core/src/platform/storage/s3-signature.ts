import { createHash, createHmac } from 'node:crypto';

/** AWS Signature Version 4 for S3-compatible object stores (header form, path-style addresses). */

export interface SigningKey {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service?: string;
}

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** RFC 3986 encoding of each path segment, as S3 wants it (slashes kept). */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) =>
      encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}

/**
 * The headers of a signed request: `x-amz-date`, `x-amz-content-sha256` and `Authorization`, added to
 * those given (all of which are signed). `amzDate` is `YYYYMMDDTHHMMSSZ`.
 */
export function signV4(
  req: { method: string; host: string; path: string; query?: string; headers?: Record<string, string> },
  payloadSha256: string,
  key: SigningKey,
  amzDate: string,
): Record<string, string> {
  const service = key.service ?? 's3';
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v.trim()])),
    host: req.host,
    'x-amz-content-sha256': payloadSha256,
    'x-amz-date': amzDate,
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    req.method,
    req.path,
    req.query ?? '',
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    payloadSha256,
  ].join('\n');
  const scope = `${day}/${key.region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${key.secretAccessKey}`, day), key.region), service),
    'aws4_request',
  );
  const signature = createHmac('sha256', signingKey).update(toSign, 'utf8').digest('hex');
  const { host: _h, ...rest } = headers;
  return {
    ...rest,
    authorization: `AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/${scope},SignedHeaders=${names.join(';')},Signature=${signature}`,
  };
}

export function amzDateOf(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
