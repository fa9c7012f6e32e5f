import type { Response } from 'express';
import { LetterEntity } from './letter.entities';

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
  const name = `${letter.title}-${letter.number}.${format}`;
  const ascii = `letter-${letter.id}.${format}`;
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-SHA256', format === 'html' ? letter.htmlSha256 : letter.docxSha256);
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
