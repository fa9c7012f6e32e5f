import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

/**
 * 会商: the handler convenes departments, the legal office and leaders on a difficult request; their
 * opinions and the conclusion are recorded as events, the minutes (会商纪要) are issued into the case
 * file, the reply clock runs on, and the office head sees open and overdue 会商 in 督办.
 */
describe('joint consultation (会商)', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2025-03-03T09:00:00+08:00'));
  let id: string;

  beforeAll(async () => {
    await desk.start(db().url);
    id = await desk.applyAndClaim();
  }, 120_000);
  afterAll(() => desk.close());

  const convene = {
    topic: '申请的会议纪要是否属于过程性信息',
    meetingOn: '2025-03-05',
    participants: [
      { kind: 'department', name: '示范区住房和城乡建设局' },
      { kind: 'legal', name: '示范区司法局' },
      { kind: 'leader', name: '分管副区长' },
    ],
  };

  it('should refuse a bad convening with every field named, and change nothing', async () => {
    const before = await desk.row(id);
    const bad = await desk.refused('handler', id, 'convene-joint-consultation', {
      topic: ' ',
      meetingOn: '2025-02-30',
      participants: [],
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['meetingOn', 'participants', 'topic']));
    const early = await desk.refused('handler', id, 'convene-joint-consultation', {
      ...convene,
      meetingOn: '2025-01-01',
    });
    expect(early.status).toBe(400);
    expect((early.body.details as { field: string }[])[0].field).toBe('meetingOn');
    const signer = await desk.refused('signer', id, 'convene-joint-consultation', convene);
    expect(signer.status).toBe(403);
    expect(await desk.row(id)).toEqual(before);
  });

  it('should convene, record opinions and conclude without moving the request or its clock', async () => {
    const before = await desk.row(id);
    const convened = await desk.act('handler', id, 'convene-joint-consultation', convene);
    const jointConsultationId = convened.jointConsultationId as string;
    // Three working days after the meeting by default.
    expect(convened.concludeBy).toBe('2025-03-10');
    expect(convened.status).toBe(before.status);
    expect(convened.replyDue).toBe(before.replyDue);

    const unknown = await desk.refused('handler', id, 'record-joint-opinion', {
      jointConsultationId,
      participant: 5,
      opinion: '同意',
    });
    expect(unknown.status).toBe(400);
    expect((unknown.body.details as { field: string }[])[0].field).toBe('participant');
    await desk.act('handler', id, 'record-joint-opinion', {
      jointConsultationId,
      participant: 0,
      opinion: '纪要记载的是内部讨论，属于过程性信息。',
    });
    await desk.act('officehead', id, 'record-joint-opinion', {
      jointConsultationId,
      participant: 1,
      opinion: '可以不予公开，但答复应说明理由和依据。',
    });

    // Not before the meeting.
    const early = await desk.refused('handler', id, 'conclude-joint-consultation', {
      jointConsultationId,
      conclusion: '按过程性信息不予公开。',
    });
    expect(early.status).toBe(400);
    await desk.advance(2);
    const concluded = await desk.act('handler', id, 'conclude-joint-consultation', {
      jointConsultationId,
      conclusion: '按过程性信息不予公开，答复中说明理由和依据。',
    });
    expect(concluded.replyDue).toBe(before.replyDue);
    expect(concluded.status).toBe(before.status);
    expect(await desk.eventTypes(id)).toEqual(
      expect.arrayContaining([
        'joint_consultation_convened',
        'joint_opinion_recorded',
        'joint_consultation_concluded',
      ]),
    );

    const letters = await desk.console.http
      .get(`/api/console/requests/${id}/letters`)
      .set(desk.as.handler)
      .expect(200);
    const minutes = (letters.body.letters as { id: string; kind: string; number: string }[]).find(
      (l) => l.kind === 'joint_consultation_minutes',
    )!;
    expect(minutes.number).toMatch(/依申商〔2025〕0001号$/);
    const html = await desk.console.http
      .get(`/api/console/requests/${id}/letters/${minutes.id}`)
      .set(desk.as.handler)
      .expect(200);
    for (const words of [
      '政府信息公开申请会商纪要',
      '示范区住房和城乡建设局',
      '纪要记载的是内部讨论，属于过程性信息。',
      '分管副区长：未发表意见。',
      '按过程性信息不予公开，答复中说明理由和依据。',
      '不中止、不延长',
    ]) {
      expect(html.text).toContain(words);
    }
    const list = await desk.console.http
      .get(`/api/console/requests/${id}/joint-consultations`)
      .set(desk.as.handler)
      .expect(200);
    expect(list.body.jointConsultations[0]).toMatchObject({
      concludedOn: desk.today,
      minutesLetterId: minutes.id,
    });
    // A concluded 会商 takes no more opinions.
    const late = await desk.refused('handler', id, 'record-joint-opinion', {
      jointConsultationId,
      participant: 2,
      opinion: '同意',
    });
    expect(late.status).toBe(400);
  });

  it('should list open 会商 in 督办, overdue ones first', async () => {
    const other = await desk.applyAndClaim();
    await desk.act('handler', other, 'convene-joint-consultation', {
      ...convene,
      meetingOn: desk.today,
      concludeBy: desk.today,
    });
    const soon = await desk.applyAndClaim();
    await desk.act('handler', soon, 'convene-joint-consultation', { ...convene, meetingOn: desk.today });
    await desk.advance(1);
    const open = await desk.console.http
      .get('/api/console/joint-consultations')
      .set(desk.as.officehead)
      .expect(200);
    const rows = open.body as { requestId: string; overdue: boolean }[];
    expect(rows.map((r) => [r.requestId, r.overdue])).toEqual([
      [other, true],
      [soon, false],
    ]);
    await desk.console.http.get('/api/console/joint-consultations').set(desk.as.handler).expect(403);
  });
});
