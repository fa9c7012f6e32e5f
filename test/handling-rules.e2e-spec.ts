import { LetterEntity, LetterService } from '@gongkai/core/letters';
import { StaffUserEntity } from '@gongkai/core/identity';
import { FrozenClock, bearer, createStaff, registerCitizen, signIn, useTestDatabase } from '@gongkai/testing';
import { postedRegistration } from './support/applications';
import { Desk } from './support/desk';

/** The rules of handling that a lifecycle alone does not show: refusals, duties, notices, integrity. */
describe('handling rules', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-11-23T09:00:00+08:00'));
  let allRoles: Record<string, string>;

  beforeAll(async () => {
    await desk.start(db().url);
    await createStaff(
      desk.ds,
      'allrounder',
      [
        ['handler', 'sfq'],
        ['legal_reviewer', 'sfq'],
        ['signer', 'sfq'],
      ],
      { now: desk.clock.now(), mustChangePassword: false },
    );
    allRoles = bearer(await signIn(desk.console.http, 'console', 'allrounder'));
  });
  afterAll(() => desk.close());

  const draft = (outcome: string, extra: Record<string, unknown> = {}) => ({
    items: [
      { position: 1, outcome, reasons: outcome === 'disclose.full' ? undefined : '属于过程性信息', ...extra },
    ],
  });

  it('should refuse a drafter reviewing or signing their own reply, and change nothing', async () => {
    const id = await desk.applyAndClaim();
    await desk.act('officehead', id, 'transfer', {
      assigneeId: (await desk.ds.getRepository(StaffUserEntity).findOneByOrFail({ login: 'allrounder' })).id,
      reason: '转由综合岗办理',
    });
    const drafted = await desk.console.http
      .post(`/api/console/requests/${id}/draft-reply`)
      .set(allRoles)
      .send(draft('withhold.process_info'))
      .expect(200);
    expect(drafted.body).toMatchObject({ status: 'in_review' });
    const before = await desk.row(id);
    const review = await desk.console.http
      .post(`/api/console/requests/${id}/approve-review`)
      .set(allRoles)
      .send({});
    expect(review.status).toBe(403);
    expect(review.body.code).toBe('REQUEST.SEPARATION_OF_DUTIES');
    await desk.act('legal', id, 'approve-review', {});
    const sign = await desk.console.http.post(`/api/console/requests/${id}/sign-off`).set(allRoles).send({});
    expect(sign.body.code).toBe('REQUEST.SEPARATION_OF_DUTIES');
    expect((await desk.row(id)).status).toBe('awaiting_signoff');
    expect(before.version + 1).toBe((await desk.row(id)).version);
  });

  it('should list each stage in its worklist queue, for the people who may act on it', async () => {
    const queue = async (who: string | Record<string, string>, name: string): Promise<string[]> => {
      const res = await desk.console.http
        .get('/api/console/requests')
        .query({ queue: name, pageSize: 100 })
        .set(typeof who === 'string' ? desk.as[who as 'handler'] : who)
        .expect(200);
      return (res.body.rows as { id: string }[]).map((r) => r.id);
    };
    const id = await desk.applyAndClaim();
    await desk.act('handler', id, 'draft-reply', draft('withhold.process_info'));
    expect(await queue('legal', 'to_review')).toContain(id);
    expect(await queue(allRoles, 'to_review')).toContain(id);
    expect(await queue('handler', 'to_review')).not.toContain(id); // no review power; and it is their draft
    expect(await queue('legal', 'to_sign')).not.toContain(id);

    // The all-rounder reviews it, so it is not theirs to sign: three different people (docs/domain-rules.md).
    await desk.console.http
      .post(`/api/console/requests/${id}/approve-review`)
      .set(allRoles)
      .send({})
      .expect(200);
    expect(await queue('legal', 'to_review')).not.toContain(id);
    expect(await queue('signer', 'to_sign')).toContain(id);
    expect(await queue(allRoles, 'to_sign')).not.toContain(id);
    const own = await desk.console.http.post(`/api/console/requests/${id}/sign-off`).set(allRoles).send({});
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('REQUEST.SEPARATION_OF_DUTIES');

    await desk.act('signer', id, 'sign-off', {});
    const toServe = await desk.console.http
      .get('/api/console/requests')
      .query({ queue: 'to_serve' })
      .set(desk.as.handler)
      .expect(200);
    expect(toServe.body.rows).toContainEqual(
      expect.objectContaining({
        id,
        status: 'replied',
        disposition: 'withhold.process_info',
        concludedOn: desk.today,
      }),
    );
    expect(await queue('signer', 'to_serve')).not.toContain(id); // serving is the handling office's work
    await desk.act('handler', id, 'record-service', { channel: 'online', servedOn: desk.today });
    expect(await queue('handler', 'to_serve')).not.toContain(id);
    expect(await queue('handler', 'to_archive')).toContain(id);
    await desk.act('handler', id, 'archive', {});
    expect(await queue('handler', 'to_archive')).not.toContain(id);

    const consulted = await desk.applyAndClaim();
    await desk.act('handler', consulted, 'open-consultation', {
      party: 'third_party',
      partyName: '示范建设有限公司',
      subject: '贵公司投标文件中的报价明细',
    });
    expect(await queue('handler', 'consulting')).toContain(consulted);
    expect(await queue('handler.jyj', 'consulting')).not.toContain(consulted); // another agency's work
    const bad = await desk.console.http
      .get('/api/console/requests')
      .query({ queue: 'mine_to_sign' })
      .set(desk.as.handler)
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION.FAILED');
  });

  it('should require reasons for refusals and a reason to override the derived code', async () => {
    const id = await desk.applyAndClaim(2);
    const noReasons = await desk.refused('handler', id, 'draft-reply', {
      items: [
        { position: 1, outcome: 'disclose.full' },
        { position: 2, outcome: 'withhold.state_secret' },
      ],
    });
    expect(noReasons).toMatchObject({
      status: 400,
      body: { details: [{ field: 'items[1].reasons', code: 'required' }] },
    });
    const items = [
      { position: 1, outcome: 'disclose.full' },
      { position: 2, outcome: 'withhold.state_secret', reasons: '经定密属于国家秘密' },
    ];
    const noOverrideReason = await desk.refused('handler', id, 'draft-reply', {
      items,
      code: 'withhold.state_secret',
    });
    expect(noOverrideReason).toMatchObject({ status: 400, body: { details: [{ field: 'overrideReason' }] } });
    const derived = await desk.act('handler', id, 'draft-reply', { items });
    expect(derived).toMatchObject({
      disposition: 'disclose.partial',
      derived: 'disclose.partial',
      status: 'in_review',
    });
    const stale = await desk.refused('legal', id, 'return-review', { opinion: '请补充', version: 1 });
    expect(stale).toMatchObject({ status: 409, body: { code: 'REQUEST.STALE_VERSION' } });
  });

  it('should require the written notice to an objecting third party before disclosing', async () => {
    const id = await desk.applyAndClaim();
    const opened = await desk.act('handler', id, 'open-consultation', {
      party: 'third_party',
      partyName: '某建设公司',
      subject: '报价明细',
    });
    await desk.act('handler', id, 'record-consultation-answer', {
      consultationId: opened.consultationId,
      answer: 'objection',
      reasons: '商业秘密',
      answeredOn: desk.today,
    });
    const refused = await desk.refused('handler', id, 'draft-reply', draft('disclose.full'));
    expect(refused).toMatchObject({ status: 422, body: { code: 'REPLY.THIRD_PARTY_NOT_NOTIFIED' } });
    await desk.act('handler', id, 'notify-third-party', {
      consultationId: opened.consultationId,
      disclosure: '中标总价',
      reasons: '涉及公共资金，公开符合公共利益',
    });
    // An objection makes review mandatory even for a full disclosure.
    expect(await desk.act('handler', id, 'draft-reply', draft('disclose.full'))).toMatchObject({
      status: 'in_review',
      reviewReasons: ['third_party_objection'],
    });
    // The acknowledgement is rendered right after intake (by the worker's outbox, here on the spot).
    await desk.console.app.get(LetterService).produceFor(id);
    const letters = await desk.ds.getRepository(LetterEntity).findBy({ requestId: id });
    expect(letters.map((l) => [l.kind, l.recipient]).sort()).toEqual([
      ['acknowledgement', 'applicant'],
      ['third_party_consultation', 'third_party'],
      ['third_party_disclosure_notice', 'third_party'],
    ]);
    // Letters to the third party are not the applicant's.
    const mine = await desk.portal.http
      .get(`/api/portal/requests/${id}/letters`)
      .set(desk.as.citizen)
      .expect(200);
    expect(mine.body.letters.map((l: { kind: string }) => l.kind)).toEqual(['acknowledgement']);
  });

  it('should flag a late correction notice and allow only one', async () => {
    const res = await desk.console.http
      .post('/api/console/requests')
      .set(desk.as.registrar)
      .send(postedRegistration(desk.agencies.get('sfq')!.id, '2026-11-10'))
      .expect(201);
    const id = res.body.requests[0].id as string;
    await desk.act('handler', id, 'claim', {});
    const notice = await desk.act('handler', id, 'issue-correction-notice', { defects: ['缺少联系方式'] });
    expect(notice).toMatchObject({ status: 'awaiting_correction', late: true, replyDue: null });
    await desk.act('handler', id, 'receive-correction', { text: '补充了联系方式', receivedOn: desk.today });
    const again = await desk.refused('handler', id, 'issue-correction-notice', { defects: ['另一项'] });
    expect(again).toMatchObject({ status: 422, body: { code: 'REQUEST.CORRECTION_ALREADY_NOTIFIED' } });
  });

  it('should allow one extension of at most 20 working days, approved by someone else', async () => {
    const id = await desk.applyAndClaim();
    const tooLong = await desk.refused('handler', id, 'request-extension', {
      workingDays: 21,
      reason: '太多',
    });
    expect(tooLong.status).toBe(400);
    await desk.act('handler', id, 'request-extension', { workingDays: 15, reason: '需协调多个部门' });
    const byHandler = await desk.refused('handler', id, 'approve-extension', {});
    expect(byHandler.status).toBe(403);
    await desk.act('officehead', id, 'approve-extension', {});
    const second = await desk.refused('handler', id, 'request-extension', { workingDays: 5, reason: '再延' });
    expect(second).toMatchObject({ status: 422, body: { code: 'CLOCK.EXTENSION_NOT_ALLOWED' } });
    const why = await desk.portal.http
      .get(`/api/portal/requests/${id}/deadline`)
      .set(desk.as.citizen)
      .expect(200);
    expect(why.body.reply.basis).toBe('Art. 33 ¶2');
    expect(why.body.reply.segments.map((s: { kind: string }) => s.kind)).toEqual(['counting', 'extension']);
    const stranger = bearer(await registerCitizen(desk.portal, 'stranger@example.cn'));
    await desk.portal.http.get(`/api/portal/requests/${id}/deadline`).set(stranger).expect(404);
    await desk.portal.http.get(`/api/portal/requests/${id}/letters`).set(stranger).expect(404);
  });

  it('should detect a tampered case file and refuse to change an issued letter', async () => {
    const id = await desk.applyAndClaim();
    await desk.act('handler', id, 'draft-reply', draft('disclose.full', { provision: '见附件' }));
    await desk.act('signer', id, 'sign-off', {});
    await desk.act('handler', id, 'record-service', { channel: 'online', servedOn: desk.today });
    await desk.act('handler', id, 'archive', {});
    await expect(desk.ds.query(`UPDATE letter SET number = 'x' WHERE request_id = $1`, [id])).rejects.toThrow(
      /immutable/,
    );
    await expect(
      desk.ds.query(`UPDATE request SET applicant_name = 'x' WHERE id = $1`, [id]),
    ).rejects.toThrow(/immutable/);
    await desk.ds.query(
      `UPDATE request_event SET data = data || '{"note":"edited"}' WHERE request_id = $1 AND type = 'reply_issued'`,
      [id],
    );
    const verify = await desk.console.http
      .get(`/api/console/requests/${id}/archive/verify`)
      .set(desk.as.handler)
      .expect(200);
    expect(verify.body).toMatchObject({
      ok: false,
      manifestIntact: true,
      mismatches: [{ type: 'event', problem: 'changed' }],
    });
  });

  it('should let an agency word the editable slots of a template, versioned and audited, and use them in new letters', async () => {
    const sysadmin = bearer(await signIn(desk.console.http, 'console', 'sysadmin'));
    const sfq = desk.agencies.get('sfq')!.id;
    const locked = await desk.console.http
      .put(`/api/console/agencies/${sfq}/letter-templates/correction_notice`)
      .set(sysadmin)
      .send({ slots: { remedies: '删掉救济' }, reason: '试图修改锁定内容' });
    expect(locked.status).toBe(400);
    expect(locked.body.details[0]).toMatchObject({ field: 'slots.remedies', code: 'slot.locked' });
    const updated = await desk.console.http
      .put(`/api/console/agencies/${sfq}/letter-templates/correction_notice`)
      .set(sysadmin)
      .send({ slots: { contact: '咨询电话：12345（工作日 9:00—17:00）。' }, reason: '更新咨询电话' })
      .expect(200);
    expect(updated.body).toMatchObject({
      version: 1,
      slots: { contact: '咨询电话：12345（工作日 9:00—17:00）。' },
    });
    await desk.console.http
      .put(`/api/console/agencies/${sfq}/letter-templates/correction_notice`)
      .set(desk.as.handler)
      .send({ slots: {}, reason: '无权' })
      .expect(403);

    const id = await desk.applyAndClaim();
    const notice = await desk.act('handler', id, 'issue-correction-notice', { defects: ['缺少身份证明'] });
    const letter = await desk.ds
      .getRepository(LetterEntity)
      .findOneByOrFail({ id: notice.letterId as string });
    expect(letter.templateVersion).toBe(1);
    const html = await desk.console.http
      .get(`/api/console/requests/${id}/letters/${letter.id}`)
      .set(desk.as.handler)
      .expect(200);
    expect(html.text).toContain('咨询电话：12345');
    expect(html.text).toContain('视为放弃申请'); // the locked wording stays
  });
});
