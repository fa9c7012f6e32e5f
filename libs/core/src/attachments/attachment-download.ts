import type { Response } from 'express';
import { AttachmentView } from './attachment.service';

/**
 * Sends a stored file as a download, never for display: attachment disposition with an ASCII
 * fallback name and the UTF-8 name (RFC 6266), nosniff, and a sandboxing CSP in case a browser
 * renders it anyway.
 */
export function sendAttachment(res: Response, view: AttachmentView, bytes: Buffer): void {
  const ascii = view.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  res.setHeader('Content-Type', view.mediaType);
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(view.fileName)}`,
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Content-Length', String(bytes.length));
  res.end(bytes);
}
