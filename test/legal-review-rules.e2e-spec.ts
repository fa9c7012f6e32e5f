import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

/**
 * Legal review follows from the facts, never from the drafter's body: an overridden code, a refused
 * item, a sensitive flag only a reviewer or office head may clear, and a remedy on record.
 */
describe('legal review cannot be skipped by the drafter', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));

  beforeAll(() => desk.start(db().url));
  afterAll(() => desk.close());

  const reasons = async (id: string) => (await desk.row(id)).draft?.reviewReasons ?? [];

  it('should send a withheld item under an overriding "not held" code to review', async () => {
    const id = await desk.applyAndClaim();
    await desk.act('handler', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'withhold.process_info', reasons: '过程性信息' }],
      code: 'unavailable.not_held',
      overrideReason: '实际没有该信息',
    });
    expect((await desk.row(id)).status).toBe('in_review');
    expect(await reasons(id)).toEqual(expect.arrayContaining(['code', 'override']));
  });

  it('should send any override to review, even between codes that are not reviewed', async () => {
    const id = await desk.applyAndClaim();
    await desk.act('handler', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
      code: 'unavailable.not_held',
      overrideReason: '经核实没有该信息',
    });
    expect((await desk.row(id)).status).toBe('in_review');
    expect(await reasons(id)).toContain('override');
  });

  it('should let only a reviewer or an office head clear "sensitive"', async () => {
    const id = await desk.applyAndClaim();
    await desk.act('handler', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
      sensitive: true,
    });
    expect(await reasons(id)).toEqual(['sensitive']);
    await desk.act('legal', id, 'return-review', { opinion: '请补充理由' });
    const version = (await desk.row(id)).version;
    const refused = await desk.refused('handler', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
      sensitive: false,
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.details)).toContain('sensitive');
    expect((await desk.row(id)).version).toBe(version);
    await desk.act('officehead', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
      sensitive: false,
    });
    expect((await desk.row(id)).status).toBe('awaiting_signoff');
  });

  it('should review every reply to an applicant with a reconsideration on record, whatever the body says', async () => {
    const first = await desk.applyAndClaim();
    await desk.act('handler', first, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', first, 'sign-off', {});
    const recorded = await desk.console.http
      .post(`/api/console/requests/${first}/remedy-cases`)
      .set(desk.as.legal)
      .send({ kind: 'reconsideration', filedOn: '2026-03-02', body: '示范市人民政府' });
    expect(recorded.status).toBe(201);
    const second = await desk.applyAndClaim();
    await desk.act('handler', second, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
      priorRemedy: false,
    });
    expect((await desk.row(second)).status).toBe('in_review');
    expect(await reasons(second)).toEqual(['prior_remedy']);
  });
});
