import { FrozenClock, bearer, signIn, useTestDatabase } from '@gongkai/testing';
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

/**
 * The handler is told at once when a request looks like a repeat of the same applicant's concluded
 * request (naming it), and when the applicant's requests to the agency reach its Art. 35 threshold.
 */
describe('repeat and frequent requests told to the handler', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));

  beforeAll(() => desk.start(db().url));
  afterAll(() => desk.close());

  const hints = async (id: string) =>
    (await desk.console.http.get(`/api/console/requests/${id}/hints`).set(desk.as.handler).expect(200))
      .body as {
      repeats: { number: string; position: number; similarity: number }[];
      frequent: { count: number; days: number; threshold: number } | null;
    };
  const about = (description: string, overrides: Record<string, unknown> = {}) =>
    desk.applyAndClaim(1, { items: [{ description }], ...overrides });

  it('should name the earlier concluded request asking for the same information, and no other', async () => {
    const first = await about('示范区建设路拓宽工程征地拆迁补偿安置方案');
    const stillOpen = await about('建设路拓宽工程拆迁补偿安置方案（请提供全文）');
    expect((await hints(stillOpen)).repeats).toEqual([]); // the first is not concluded yet
    await desk.act('handler', first, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', first, 'sign-off', {});
    const firstNumber = (await desk.row(first)).number;

    const again = await about('请公开建设路拓宽工程的拆迁补偿安置方案');
    const found = await hints(again);
    expect(found.repeats).toEqual([expect.objectContaining({ number: firstNumber, position: 1 })]);
    expect(found.repeats[0].similarity).toBeGreaterThanOrEqual(0.6);

    const unrelated = await about('示范小学2025年学区划分方案');
    expect((await hints(unrelated)).repeats).toEqual([]);
    // Another person asking the same is not a repeat.
    const stranger = await about('请公开建设路拓宽工程的拆迁补偿安置方案', {
      applicant: { name: '李四', idType: 'resident_id', idNumber: '110105198001010016' },
    });
    expect((await hints(stranger)).repeats).toEqual([]);

    // The case page tells the handler, with the earlier number as a link.
    const token = String(desk.as.handler.Authorization).replace(/^Bearer /, '');
    const page = await desk.console.http
      .get(`/requests/${again}`)
      .set('Cookie', `gk_staff=${token}`)
      .expect(200);
    expect(page.text).toContain('可能是重复申请');
    expect(page.text).toContain(`<a href="/requests/${first}">${firstNumber}</a>`);
  });

  it("should suggest the Art. 35 step once the applicant's requests reach the agency's threshold", async () => {
    const sfq = desk.agencies.get('sfq')!.id;
    const sys = bearer(await signIn(desk.console.http, 'console', 'sysadmin'));
    const bad = await desk.console.http
      .patch(`/api/console/agencies/${sfq}`)
      .set(sys)
      .send({ excessiveCount: 1 })
      .expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'excessiveCount' });
    await desk.console.http
      .patch(`/api/console/agencies/${sfq}`)
      .set(sys)
      .send({ excessiveCount: 5, excessiveDays: 30 })
      .expect(200);
    const latest = await about('示范区2026年公共厕所建设计划');
    // Four of 张三's before this one in this suite, all within 30 days: five reaches the threshold.
    expect((await hints(latest)).frequent).toEqual({ count: 5, days: 30, threshold: 5 });
    const stranger = await about('示范区2026年公共厕所建设计划', {
      applicant: { name: '李四', idType: 'resident_id', idNumber: '110105198001010016' },
    });
    expect((await hints(stranger)).frequent).toBeNull();
    await desk.console.http
      .patch(`/api/console/agencies/${sfq}`)
      .set(sys)
      .send({ excessiveCount: 6 })
      .expect(200);
    expect((await hints(latest)).frequent).toBeNull();
  });
});
