import { createHash } from 'node:crypto';

/** SHA-256 of text (UTF-8) or bytes, as lowercase hex: the one hash of files, letters and records. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
