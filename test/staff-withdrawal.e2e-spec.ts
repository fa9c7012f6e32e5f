import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * A withdrawal recorded by staff needs the applicant's written withdrawal and the office head; it is
 * refused while a reply is in review or awaiting sign-off. Handling moves belong to the assignee or to
 * someone who may assign the request.
 */
describe('staff withdrawal and who may handle', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));

  beforeAll(() => desk.start(db().url));
  afterAll(() => desk.close());

  const upload = async (who: 'handler' | 'officehead') =>
    (
      (
        await desk.console.http
          .post('/api/console/attachments')
          .set(desk.as[who])
          .field('purpose', 'withdrawal')
          .attach('file', PDF, '撤回申请书.pdf')
      ).body as { id: string }
    ).id;

  it('should refuse a handler recording a withdrawal on their own', async () => {
    const id = await desk.applyAndClaim();
    const refused = await desk.refused('handler', id, 'withdraw', {
      reason: '申请人来电撤回',
      attachmentIds: [await upload('handler')],
    });
    expect(refused.status).toBe(403);
    expect((await desk.row(id)).status).toBe('in_progress');
  });

  it('should refuse a withdrawal without the written withdrawal attached', async () => {
    const id = await desk.applyAndClaim();
    const refused = await desk.refused('officehead', id, 'withdraw', { reason: '申请人来电撤回' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.details)).toContain('attachmentIds');
    expect((await desk.row(id)).status).toBe('in_progress');
  });

  it('should refuse a withdrawal while the reply is in review', async () => {
    const id = await desk.applyAndClaim();
    await desk.act('handler', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'withhold.process_info', reasons: '过程性信息' }],
    });
    const before = await desk.row(id);
    const refused = await desk.refused('officehead', id, 'withdraw', {
      reason: '申请人书面撤回',
      attachmentIds: [await upload('officehead')],
      version: before.version,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('WITHDRAW.REPLY_PENDING');
    expect(await desk.row(id)).toEqual(before);
  });

  it('should let the office head record it with the written withdrawal, kept as its proof', async () => {
    const id = await desk.applyAndClaim();
    const proof = await upload('officehead');
    await desk.act('officehead', id, 'withdraw', { reason: '申请人书面撤回', attachmentIds: [proof] });
    expect((await desk.row(id)).status).toBe('terminated');
    const [event] = await desk.ds.query<{ data: { proofAttachmentIds: string[] } }[]>(
      `SELECT data FROM request_event WHERE request_id = $1 AND type = 'withdrawn'`,
      [id],
    );
    expect(event.data.proofAttachmentIds).toEqual([proof]);
  });

  it("should refuse a handling move on another handler's request, and allow it to the office head", async () => {
    const id = await desk.applyAndClaim();
    await desk.ds.query(
      `INSERT INTO staff_role (user_id, role, agency_id, granted_by, granted_at)
       SELECT id, 'handler', $1, 'test', now() FROM staff_user WHERE login = 'handler.jyj'`,
      [desk.agencies.get('sfq')!.id],
    );
    await desk.signInAll();
    try {
      const refused = await desk.refused('handler.jyj', id, 'issue-correction-notice', {
        defects: ['请写明年份'],
      });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('REQUEST.NOT_ASSIGNEE');
      await desk.act('officehead', id, 'issue-correction-notice', { defects: ['请写明年份'] });
      expect((await desk.row(id)).status).toBe('awaiting_correction');
    } finally {
      await desk.ds.query(
        `DELETE FROM staff_role WHERE role = 'handler' AND agency_id = $1
           AND user_id = (SELECT id FROM staff_user WHERE login = 'handler.jyj')`,
        [desk.agencies.get('sfq')!.id],
      );
    }
  });
});
