import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataKeys, signV4 } from '@gongkai/core/platform';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';
import { binary } from './support/binary';

const KEY = { accessKeyId: 'GONGKAITEST', secretAccessKey: 'secret-of-the-test-store', region: 'cn-test-1' };

/**
 * A small S3-compatible store for the test: it checks each request's SigV4 signature (recomputed with the
 * secret), keeps objects in memory, and lets the test change or remove them behind the app's back.
 */
function fakeS3(objects: Map<string, Buffer>, seen: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const payload = String(req.headers['x-amz-content-sha256']);
      const amzDate = String(req.headers['x-amz-date']);
      const signed = /SignedHeaders=([^,]+)/.exec(String(req.headers.authorization))?.[1].split(';') ?? [];
      const headers = Object.fromEntries(
        signed
          .filter((h) => !['host', 'x-amz-content-sha256', 'x-amz-date'].includes(h))
          .map((h) => [h, String(req.headers[h])]),
      );
      const expected = signV4(
        { method: req.method!, host: String(req.headers.host), path: req.url!, headers },
        payload,
        KEY,
        amzDate,
      ).authorization;
      const bodyHash = createHash('sha256').update(body).digest('hex');
      if (expected !== req.headers.authorization || (body.length > 0 && bodyHash !== payload)) {
        res.writeHead(403).end('SignatureDoesNotMatch');
        return;
      }
      seen.push(`${req.method} ${req.url}`);
      const key = decodeURIComponent(req.url!);
      if (req.method === 'PUT') {
        objects.set(key, body);
        res.writeHead(200).end();
      } else if (req.method === 'GET') {
        const o = objects.get(key);
        if (o) {
          res.writeHead(200).end(o);
        } else {
          res.writeHead(404).end('NoSuchKey');
        }
      } else if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204).end();
      } else {
        res.writeHead(405).end();
      }
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * Files in an S3-compatible object store (FILE_STORE=s3): the body goes to the store under a key, the
 * database keeps the key and the SHA-256; every read is checked, so a body changed or removed in the
 * store is refused (never served) and shows in the case file's verification.
 */
describe('file bodies in an S3-compatible object store', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));
  const objects = new Map<string, Buffer>();
  const seen: string[] = [];
  let s3: Server;

  beforeAll(async () => {
    s3 = await fakeS3(objects, seen);
    const endpoint = `http://127.0.0.1:${(s3.address() as AddressInfo).port}`;
    await desk.start(db().url, {}, [], {
      fileStore: 's3',
      s3: { endpoint, bucket: 'gongkai-files', ...KEY },
    });
  });
  afterAll(async () => {
    await desk.close();
    await new Promise((r) => s3.close(r));
  });

  const upload = () =>
    desk.console.http
      .post('/api/console/attachments')
      .set(desk.as.handler)
      .field('purpose', 'proof_of_service')
      .attach('file', PDF, '回执.pdf')
      .expect(201);

  let requestId: string;
  let attachmentId: string;

  it('should put the body in the store, keep its key and hash in the database, and serve it checked', async () => {
    const id = await desk.applyAndClaim();
    await desk.act('handler', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', id, 'sign-off', {});
    const proof = (await upload()).body as { id: string };
    await desk.act('handler', id, 'record-service', {
      channel: 'post',
      servedOn: desk.today,
      trackingNumber: 'EMS1234567890',
      proofAttachmentIds: [proof.id],
    });
    requestId = id;
    attachmentId = proof.id;
    // The store holds the body encrypted under the file's own data key, never the file itself.
    const stored = objects.get(`/gongkai-files/attachments/${proof.id}`)!;
    expect(stored.includes(PDF)).toBe(false);
    expect(await desk.console.app.get(DataKeys).decryptBytes(stored)).toEqual(PDF);
    const [row] = await desk.ds.query(
      `SELECT content IS NULL AS "inStore", storage_key AS key, sha256 FROM attachment WHERE id = $1`,
      [proof.id],
    );
    expect(row).toEqual({
      inStore: true,
      key: `attachments/${proof.id}`,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const file = await desk.console.http
      .get(`/api/console/requests/${id}/attachments/${proof.id}`)
      .set(desk.as.handler)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(file.body).toEqual(PDF);
    // The archived case file lists the body and verifies it.
    await desk.act('handler', id, 'archive', {});
    const check = await desk.console.http
      .get(`/api/console/requests/${id}/archive/verify`)
      .set(desk.as.officehead);
    expect(check.body).toMatchObject({ ok: true });
  });

  it('should refuse a body changed in the store, and show it in the case file check', async () => {
    objects.set(`/gongkai-files/attachments/${attachmentId}`, Buffer.from('%PDF-1.4 forged'));
    const res = await desk.console.http
      .get(`/api/console/requests/${requestId}/attachments/${attachmentId}`)
      .set(desk.as.handler);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'FILE.INTEGRITY' });
    expect(JSON.stringify(res.body)).not.toContain('forged');
    const check = await desk.console.http
      .get(`/api/console/requests/${requestId}/archive/verify`)
      .set(desk.as.officehead);
    expect(check.body).toMatchObject({ ok: false });
    expect(JSON.stringify(check.body.mismatches)).toContain(attachmentId);
  });

  it('should refuse a body missing from the store', async () => {
    objects.delete(`/gongkai-files/attachments/${attachmentId}`);
    const res = await desk.console.http
      .get(`/api/console/requests/${requestId}/attachments/${attachmentId}`)
      .set(desk.as.handler);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'FILE.INTEGRITY', details: { problem: 'missing' } });
  });

  it('should answer 503 and store nothing when the object store cannot be reached', async () => {
    const before = (await desk.ds.query(`SELECT count(*)::int AS n FROM attachment`))[0].n;
    await new Promise((r) => s3.close(r));
    const res = await desk.console.http
      .post('/api/console/attachments')
      .set(desk.as.handler)
      .field('purpose', 'proof_of_service')
      .attach('file', PDF, '回执.pdf');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'FILE.STORE_FAILED' });
    expect((await desk.ds.query(`SELECT count(*)::int AS n FROM attachment`))[0].n).toBe(before);
    s3 = await fakeS3(objects, seen);
  });
});
