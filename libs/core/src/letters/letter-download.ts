import type { Response } from 'express';
import { LetterEntity } from './letter.entities';
import { sha256Hex } from '../platform';

/**
 * Sends a stored letter: HTML inline as the A4 print view (its own inline style only; no scripts,
 * sandboxed), DOCX as a download. The SHA-256 goes along so a recipient can check the copy.
 */
export function sendLetter(
  res: Response,
  letter: LetterEntity,
  format: 'html' | 'docx',
  body: string | Buffer,
): void {
  sendDocument(
    res,
    { name: `${letter.title}-${letter.number}`, ascii: `letter-${letter.id}` },
    format,
    body,
    format === 'html' ? letter.htmlSha256 : letter.docxSha256,
  );
}

/** Sends a rendered document (a stored letter or one rendered on demand) with safe headers. */
export function sendDocument(
  res: Response,
  file: { name: string; ascii: string },
  format: 'html' | 'docx',
  body: string | Buffer,
  sha256 = sha256Hex(body),
): void {
  const name = `${file.name}.${format}`;
  const ascii = `${file.ascii}.${format}`;
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-SHA256', sha256);
  if (format === 'html') {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; sandbox allow-modals",
    );
    res.setHeader(
      'Content-Disposition',
      `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
  } else {
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
  }
  res.end(body);
}
