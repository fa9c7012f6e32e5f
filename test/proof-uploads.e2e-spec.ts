import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** Whoever may make a move may attach its proof: a handler records service by post with a signed receipt. */
describe('proofs of handling moves', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));

  beforeAll(() => desk.start(db().url));
  afterAll(() => desk.close());

  const upload = (who: 'handler' | 'signer' | 'registrar', purpose: string) =>
    desk.console.http
      .post('/api/console/attachments')
      .set(desk.as[who])
      .field('purpose', purpose)
      .attach('file', PDF, '回执.pdf');

  async function replied(): Promise<string> {
    const id = await desk.applyAndClaim();
    await desk.act('handler', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', id, 'sign-off', {});
    return id;
  }

  it('should let a handler upload the signed receipt and record service by post with it', async () => {
    const id = await replied();
    const proof = await upload('handler', 'proof_of_service');
    expect(proof.status).toBe(201);
    const served = await desk.act('handler', id, 'record-service', {
      channel: 'post',
      servedOn: '2026-03-02',
      trackingNumber: 'EMS1234567890',
      proofAttachmentIds: [(proof.body as { id: string }).id],
    });
    expect(served).toMatchObject({ status: 'served' });
  });

  it("should keep each upload to those who make its move, and name the proof field when it is someone else's file", async () => {
    expect((await upload('handler', 'application')).status).toBe(403);
    expect((await upload('signer', 'proof_of_service')).status).toBe(403);
    expect((await upload('registrar', 'application')).status).toBe(201);
    const id = await replied();
    const others = await upload('registrar', 'proof_of_service');
    expect(others.status).toBe(403);
    const mine = await upload('handler', 'proof_of_service');
    const reused = await desk.refused('handler', id, 'record-service', {
      channel: 'post',
      servedOn: '2026-03-02',
      trackingNumber: 'EMS1234567890',
      proofAttachmentIds: [(mine.body as { id: string }).id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(reused.status).toBe(400);
    expect(reused.body.details).toEqual([expect.objectContaining({ field: 'proofAttachmentIds' })]);
    expect((await desk.row(id)).status).toBe('replied');
  });
});
