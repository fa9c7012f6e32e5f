import type { Response } from 'supertest';

/** A supertest parser that keeps the answer's bytes (files, DOCX, XLSX, PDF): `.buffer(true).parse(binary)`. */
export function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
