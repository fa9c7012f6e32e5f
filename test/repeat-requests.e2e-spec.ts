import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

/**
 * A repeat request (Art. 36(6)) is answered "not processed" only by naming the same applicant's
 * earlier request, which must be concluded; the letter names it.
 */
describe('repeat requests', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));

  beforeAll(() => desk.start(db().url));
  afterAll(() => desk.close());

  const repeat = (earlierRequest?: string) => ({
    items: [{ position: 1, outcome: 'not_processed.repeat', reasons: '与此前申请内容相同', earlierRequest }],
  });

  it("should refuse a repeat without the earlier request, or naming one that is not the applicant's concluded one", async () => {
    const first = await desk.applyAndClaim();
    const open = await desk.applyAndClaim();
    const stranger = await desk.applyAndClaim(1, {
      applicant: { name: '李四', idType: 'resident_id', idNumber: '110105198001010016' },
    });
    await desk.act('handler', first, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', first, 'sign-off', {});
    const firstNumber = (await desk.row(first)).number;
    const openNumber = (await desk.row(open)).number;

    const later = await desk.applyAndClaim();
    const none = await desk.refused('handler', later, 'draft-reply', repeat());
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body.details)).toContain('items[0].earlierRequest');
    const notConcluded = await desk.refused('handler', later, 'draft-reply', repeat(openNumber));
    expect(notConcluded.status).toBe(400);
    const notTheirs = await desk.refused('handler', stranger, 'draft-reply', repeat(firstNumber));
    expect(notTheirs.status).toBe(400);

    await desk.act('handler', later, 'draft-reply', repeat(firstNumber));
    const preview = await desk.console.http
      .get(`/api/console/requests/${later}/draft-letter`)
      .set(desk.as.handler);
    expect(preview.text).toContain(firstNumber);
  });
});
