import { randomUUID } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { AttachmentService } from '@gongkai/core/attachments';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

const PDF = strToU8('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const OFD = { 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<ofd:Document/>' };
const zip = (files: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([n, c]) => [n, strToU8(c)])));

/** Uploads: polyglots and unsafe archives refused, a quota of pending uploads, orphans purged after a day. */
describe('upload hardening', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));

  beforeAll(() => desk.start(db().url));
  afterAll(() => desk.close());

  const upload = (bytes: Uint8Array, name: string, who: 'citizen' | 'handler' = 'citizen') =>
    (who === 'citizen'
      ? desk.portal.http.post('/api/portal/attachments')
      : desk.console.http.post('/api/console/attachments')
    )
      .set(desk.as[who])
      .field('purpose', who === 'citizen' ? 'identity' : 'proof_of_service')
      .attach('file', Buffer.from(bytes), name);

  it.each<[string, Uint8Array, string]>([
    ['a PDF with a ZIP glued on', new Uint8Array([...PDF, ...zip({ 'run.exe': 'MZ' })]), 'file.polyglot'],
    ['an OFD carrying a program', zip({ ...OFD, 'Doc_0/setup.exe': 'MZ' }), 'file.unsafeArchive'],
    ['a ZIP that only mentions OFD.xml', zip({ 'readme.txt': 'see OFD.xml' }), 'file.typeNotAllowed'],
  ])('should refuse %s, naming the file field', async (_, bytes, code) => {
    const res = await upload(bytes, 'x.ofd');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ details: [{ field: 'file', code }] });
  });

  it('should accept a real OFD', async () => {
    const res = await upload(zip(OFD), '身份证明.ofd');
    expect(res.status).toBe(201);
    expect((res.body as { fileType: string }).fileType).toBe('ofd');
  });

  it('should hold a citizen to 30 uploads no request uses yet', async () => {
    await desk.ds.query(`DELETE FROM attachment WHERE request_id IS NULL`);
    for (let i = 0; i < 30; i++) {
      expect((await upload(PDF, `${i}.pdf`)).status).toBe(201);
    }
    const over = await upload(PDF, 'one-more.pdf');
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ details: [{ field: 'file', code: 'file.quota' }] });
  });

  it('should purge an upload no request took within a day, but not one a request uses or a draft keeps', async () => {
    await desk.ds.query(`DELETE FROM attachment WHERE request_id IS NULL`);
    const staff = ((await upload(PDF, 'proof.pdf', 'handler')).body as { id: string }).id;
    const kept = ((await upload(PDF, 'draft.pdf')).body as { id: string }).id;
    const [{ id: citizenId }] = await desk.ds.query<{ id: string }[]>(
      `SELECT citizen_id AS id FROM attachment WHERE id = $1`,
      [kept],
    );
    await desk.ds.query(
      `INSERT INTO application_draft (id, citizen_id, content_enc, created_at, updated_at) VALUES ($1, $2, 'x', now(), now())`,
      [randomUUID(), citizenId],
    );
    const linked = ((await upload(PDF, 'linked.pdf', 'handler')).body as { id: string }).id;
    await desk.ds.query(`UPDATE attachment SET request_id = $1 WHERE id = $2`, [
      await desk.applyAndClaim(),
      linked,
    ]);
    const purge = desk.console.app.get(AttachmentService);
    expect(await purge.purgeOrphans(new Date(desk.clock.now().getTime() + 23 * 3_600_000))).toBe(0);
    expect(await purge.purgeOrphans(new Date(desk.clock.now().getTime() + 25 * 3_600_000))).toBe(1);
    const left = await desk.ds.query<{ id: string }[]>(
      `SELECT id FROM attachment WHERE id = ANY($1) ORDER BY id`,
      [[staff, kept, linked]],
    );
    expect(left.map((r) => r.id)).toEqual([kept, linked].sort());
  });
});
