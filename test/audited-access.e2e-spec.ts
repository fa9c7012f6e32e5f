import { FrozenClock, bearer, signIn, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/**
 * What staff read and what they were refused is in the audit log: downloads of files, letters and case
 * files, refused moves, and the auditor's own searches. An identity scan reaches only those who may
 * reveal personal data.
 */
describe('audited reading and refusals', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));

  beforeAll(() => desk.start(db().url));
  afterAll(() => desk.close());

  const audited = (action: string, objectId?: string) =>
    desk.ds.query<{ actor: string; details: Record<string, unknown> }[]>(
      `SELECT actor, details FROM audit_log WHERE action = $1 ${objectId ? 'AND object_id = $2' : ''} ORDER BY id`,
      objectId ? [action, objectId] : [action],
    );

  it('should audit a download and keep an ID scan from a signer without the reveal permission', async () => {
    const scan = await desk.console.http
      .post('/api/console/attachments')
      .set(desk.as.registrar)
      .field('purpose', 'identity')
      .attach('file', PNG, '身份证.png');
    expect(scan.status).toBe(201);
    const scanId = (scan.body as { id: string }).id;
    const reg = await desk.console.http
      .post('/api/console/requests')
      .set(desk.as.registrar)
      .send({
        agencyId: desk.agencies.get('sfq')!.id,
        channel: 'in_person',
        receivedOn: '2026-03-02',
        applicantType: 'natural_person',
        applicant: { name: '王五', idType: 'resident_id', idNumber: '11010519491231002X' },
        phone: '13812345678',
        address: '示范市示范区和平路 1 号',
        items: [{ description: '示范区 2025 年道路维修经费' }],
        formOfProvision: 'paper',
        deliveryChannel: 'post',
        attachmentIds: [scanId],
      });
    expect(reg.status).toBe(201);
    const id = (reg.body as { requests: { id: string }[] }).requests[0].id;
    const path = `/api/console/requests/${id}/attachments/${scanId}`;
    expect((await desk.console.http.get(path).set(desk.as.handler)).status).toBe(200);
    expect(await audited('attachment.downloaded', scanId)).toEqual([
      expect.objectContaining({ actor: 'handler', details: expect.objectContaining({ requestId: id }) }),
    ]);
    expect((await desk.console.http.get(path).set(desk.as.signer)).status).toBe(404);
    expect(await audited('attachment.downloaded', scanId)).toHaveLength(1);
  });

  it('should audit letter downloads by staff', async () => {
    const id = await desk.applyAndClaim();
    const letters = await desk.console.http.get(`/api/console/requests/${id}/letters`).set(desk.as.handler);
    const letterId = (letters.body as { letters: { id: string }[] }).letters[0].id;
    expect(
      (
        await desk.console.http
          .get(`/api/console/requests/${id}/letters/${letterId}/docx`)
          .set(desk.as.handler)
      ).status,
    ).toBe(200);
    expect(await audited('letter.downloaded', letterId)).toHaveLength(1);
  });

  it("should audit a refused move with its code, and the auditor's own search", async () => {
    const id = await desk.applyAndClaim();
    const refused = await desk.refused('signer', id, 'sign-off', {});
    expect(refused.status).toBe(409);
    const rows = await audited('action.refused');
    expect(rows.at(-1)).toMatchObject({ actor: 'signer', details: { code: refused.body.code, status: 409 } });
    const search = await desk.console.http
      .get('/api/console/audit?action=action.refused')
      .set(bearer(await signIn(desk.console.http, 'console', 'auditor')));
    expect(search.status).toBe(200);
    expect(await audited('audit.searched')).toEqual([
      expect.objectContaining({ actor: 'auditor', details: { action: 'action.refused' } }),
    ]);
  });
});
