import { DISPOSITION_CODES, DispositionCode, ReplyCode } from '@gongkai/domain';
import { LetterEntity } from '@gongkai/core/letters';
import { SweepService } from '@gongkai/core/handling';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';
import { binary } from './support/binary';

type Steps = (desk: Desk, id: string) => Promise<void>;

interface Scenario {
  code: DispositionCode;
  /** Item outcomes of the reply (reply codes); absent for the endings without a reply. */
  outcomes?: ReplyCode[];
  before?: Steps;
  /** Ends the request without a reply letter (the `other.*` codes). */
  end?: Steps;
  review: boolean;
  /** Event types the history must contain, in this order. */
  events: string[];
  letter: LetterEntity['kind'];
}

const reasons = '理由详见答复';

/** A third party objects to disclosure; consultation opened and answered. */
const consultThirdParty: Steps = async (desk, id) => {
  const opened = await desk.act('handler', id, 'open-consultation', {
    party: 'third_party',
    partyName: '示范建设有限公司',
    subject: '贵公司投标文件中的报价明细',
  });
  expect(opened).toMatchObject({ status: 'consulting' });
  const answered = await desk.act('handler', id, 'record-consultation-answer', {
    consultationId: opened.consultationId,
    answer: 'objection',
    reasons: '涉及商业秘密',
    answeredOn: desk.today,
  });
  expect(answered).toMatchObject({ status: 'in_progress' });
};

const correctAndResubmit: Steps = async (desk, id) => {
  await desk.act('handler', id, 'issue-correction-notice', {
    defects: ['所需信息的名称不明确'],
    periodWorkingDays: 10,
  });
  await desk.advance(2);
  const res = await desk.portal.http
    .post(`/api/portal/requests/${id}/submit-correction`)
    .set(desk.as.citizen)
    .send({ text: '补正如下', items: [{ position: 1, description: '有关文件' }] })
    .expect(200);
  const calendar = await desk.calendar();
  // Art. 30: the reply period restarts from the day the corrected application is received.
  expect(res.body).toMatchObject({
    status: 'in_progress',
    replyDue: calendar.addWorkingDays(desk.today, 20),
  });
};

const SCENARIOS: Scenario[] = [
  {
    code: 'disclose.full',
    outcomes: ['disclose.full'],
    review: false,
    events: ['received', 'claimed', 'reply_drafted', 'reply_issued', 'served', 'archived'],
    letter: 'reply_disclose',
  },
  {
    code: 'disclose.partial',
    outcomes: ['disclose.full', 'withhold.process_info'],
    review: true,
    events: ['reply_drafted', 'review_approved', 'reply_issued'],
    letter: 'reply_disclose',
  },
  {
    code: 'withhold.state_secret',
    outcomes: ['withhold.state_secret'],
    before: async (desk, id) => {
      const due = (await desk.row(id)).replyDue!;
      await desk.act('handler', id, 'request-extension', { workingDays: 20, reason: '需要调阅历史档案' });
      const approved = await desk.act('officehead', id, 'approve-extension', {});
      expect(approved.replyDue).toBe((await desk.calendar()).addWorkingDays(due, 20));
    },
    review: true,
    events: ['extension_requested', 'extension_approved', 'reply_drafted', 'review_approved', 'reply_issued'],
    letter: 'reply_withhold',
  },
  {
    code: 'withhold.law_prohibited',
    outcomes: ['withhold.law_prohibited'],
    before: async (desk, id) => {
      const before = (await desk.row(id)).replyDue!;
      const opened = await desk.act('handler', id, 'open-consultation', {
        party: 'inter_agency',
        partyName: '示范市自然资源局',
        subject: '联合制作的规划文件',
      });
      await desk.advance(7); // a week: five working days of pause
      const answered = await desk.act('handler', id, 'record-consultation-answer', {
        consultationId: opened.consultationId,
        answer: 'consent',
        answeredOn: desk.today,
      });
      const calendar = await desk.calendar();
      // Art. 33 ¶2: the consultation time is not counted, so the deadline moved by the working days it took.
      expect(calendar.workingDaysBetween(before, answered.replyDue as string)).toBe(5);
    },
    review: true,
    events: ['consultation_opened', 'consultation_answered', 'reply_drafted'],
    letter: 'reply_withhold',
  },
  {
    code: 'withhold.three_safety_one_stability',
    outcomes: ['withhold.three_safety_one_stability'],
    review: true,
    events: ['reply_drafted', 'review_approved', 'reply_issued'],
    letter: 'reply_withhold',
  },
  {
    code: 'withhold.third_party_rights',
    outcomes: ['withhold.third_party_rights'],
    before: consultThirdParty,
    review: true,
    events: ['consultation_opened', 'consultation_answered', 'reply_drafted', 'review_approved'],
    letter: 'reply_withhold',
  },
  {
    code: 'withhold.internal_affairs',
    outcomes: ['withhold.internal_affairs'],
    review: true,
    events: ['reply_drafted'],
    letter: 'reply_withhold',
  },
  {
    code: 'withhold.process_info',
    outcomes: ['withhold.process_info', 'withhold.process_info'],
    review: true,
    events: ['reply_drafted'],
    letter: 'reply_withhold',
  },
  {
    code: 'withhold.enforcement_file',
    outcomes: ['withhold.enforcement_file'],
    review: true,
    events: ['reply_drafted'],
    letter: 'reply_withhold',
  },
  {
    code: 'withhold.administrative_query',
    outcomes: ['withhold.administrative_query'],
    review: true,
    events: ['reply_drafted'],
    letter: 'reply_withhold',
  },
  {
    code: 'unavailable.not_held',
    outcomes: ['unavailable.not_held'],
    review: false,
    events: ['reply_drafted', 'reply_issued'],
    letter: 'reply_unavailable',
  },
  {
    code: 'unavailable.needs_creation',
    outcomes: ['unavailable.needs_creation'],
    before: async (desk, id) => {
      await desk.act('handler', id, 'request-assistance', {
        agencyId: desk.agencies.get('sfq-jyj')!.id,
        question: '请查找是否存在相关统计',
      });
    },
    review: true,
    events: ['assistance_requested', 'reply_drafted'],
    letter: 'reply_unavailable',
  },
  {
    code: 'unavailable.unclear_after_correction',
    outcomes: ['unavailable.unclear_after_correction'],
    before: correctAndResubmit,
    review: false,
    events: ['correction_notice_served', 'correction_received', 'reply_drafted'],
    letter: 'reply_unavailable',
  },
  ...(
    [
      'not_processed.petition_complaint',
      'not_processed.repeat',
      'not_processed.publication',
      'not_processed.confirm_or_reissue',
    ] as const
  ).map((code): Scenario => ({
    code,
    outcomes: [code],
    review: true,
    events: ['reply_drafted', 'review_approved', 'reply_issued'],
    letter: 'reply_not_processed',
  })),
  {
    code: 'not_processed.excessive',
    outcomes: ['not_processed.excessive'],
    before: async (desk, id) => {
      await desk.act('handler', id, 'ask-reasons', { question: '请说明一个月内提出 60 件申请的理由' });
      await desk.act('officehead', id, 'decide-art35', { decision: 'refuse', reason: '未说明正当理由' });
    },
    review: true,
    events: ['art35_reasons_requested', 'art35_refused', 'reply_drafted'],
    letter: 'reply_not_processed',
  },
  {
    code: 'other.no_correction',
    end: async (desk, id) => {
      await desk.act('handler', id, 'issue-correction-notice', {
        defects: ['缺少身份证明'],
        periodWorkingDays: 5,
      });
      const early = await desk.refused('officehead', id, 'terminate', { code: 'other.no_correction' });
      expect(early).toMatchObject({ status: 422, body: { code: 'REQUEST.PERIOD_NOT_OVER' } });
      await desk.advance(10);
      const sweep = await desk.console.app.get(SweepService).run();
      expect(sweep.proposals).toBeGreaterThanOrEqual(1);
      expect(await desk.eventTypes(id)).toContain('termination_proposed');
      await desk.act('officehead', id, 'terminate', { code: 'other.no_correction' });
    },
    review: false,
    events: ['correction_notice_served', 'termination_proposed', 'terminated'],
    letter: 'termination_notice',
  },
  {
    code: 'other.fee_unpaid',
    end: async (desk, id) => {
      const quote = await desk.console.http
        .get(`/api/console/requests/${id}/fee-quote`)
        .query({ basis: 'per_volume', pages: 150 })
        .set(desk.as.handler)
        .expect(200);
      expect(quote.body.amountYuan).toBe(1700); // docs/domain-rules.md's own example
      const notice = await desk.act('officehead', id, 'issue-fee-notice', {
        basis: 'per_volume',
        pages: 150,
      });
      expect(notice).toMatchObject({ status: 'awaiting_fee', amountYuan: 1700 });
      await desk.advance(32);
      await desk.act('officehead', id, 'terminate', { code: 'other.fee_unpaid' });
    },
    review: false,
    events: ['fee_notice_served', 'terminated'],
    letter: 'termination_notice',
  },
  {
    code: 'other.other',
    end: async (desk, id) => {
      await desk.portal.http
        .post(`/api/portal/requests/${id}/withdraw`)
        .set(desk.as.citizen)
        .send({ reason: '已通过其他途径获取' })
        .expect(200);
    },
    review: false,
    events: ['withdrawn'],
    letter: 'termination_notice',
  },
];

/** Every disposition code, from the online application to the sealed case file. */
describe('request lifecycle, one per disposition code', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-11-23T09:00:00+08:00'));

  beforeAll(async () => {
    await desk.start(db().url);
  });
  afterAll(() => desk.close());

  /** The number of a request of the same applicant, answered (a new one, so each test stands alone). */
  async function answeredEarlier(): Promise<string> {
    const earlier = await desk.applyAndClaim();
    await desk.act('handler', earlier, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', earlier, 'sign-off', {});
    return (await desk.row(earlier)).number;
  }

  it('should cover every code of Table 3', () => {
    expect(SCENARIOS.map((s) => s.code).sort()).toEqual([...DISPOSITION_CODES].sort());
  });

  it.each(SCENARIOS.map((s) => [s.code, s] as const))(
    'should carry a request to %s and archive it',
    async (_code, s) => {
      const id = await desk.applyAndClaim(s.outcomes?.length ?? 1);
      const receivedOn = (await desk.row(id)).receivedOn;
      expect((await desk.row(id)).replyDue).toBe((await desk.calendar()).addWorkingDays(receivedOn, 20));
      await s.before?.(desk, id);
      if (s.end) {
        await s.end(desk, id);
      } else {
        // A repeat (Art. 36(6)) names the same applicant's earlier request, answered before.
        const earlierRequest = s.outcomes!.includes('not_processed.repeat')
          ? await answeredEarlier()
          : undefined;
        const drafted = await desk.act('handler', id, 'draft-reply', {
          items: s.outcomes!.map((outcome, i) => ({
            position: i + 1,
            outcome,
            reasons: outcome === 'disclose.full' ? undefined : reasons,
            provision: outcome === 'disclose.full' ? '见附件' : undefined,
            ...(outcome === 'not_processed.repeat' ? { earlierRequest } : {}),
            ...(s.code === 'unavailable.not_held'
              ? { notResponsible: true, responsibleAgency: '示范市统计局' }
              : {}),
          })),
        });
        expect(drafted).toMatchObject({
          status: s.review ? 'in_review' : 'awaiting_signoff',
          disposition: s.code,
        });
        if (s.review) {
          await desk.act('legal', id, 'approve-review', { opinion: '同意' });
        }
        const signed = await desk.act('signer', id, 'sign-off', {});
        expect(signed).toMatchObject({ status: 'replied', disposition: s.code, concludedOn: desk.today });
      }
      const concluded = await desk.row(id);
      expect(concluded).toMatchObject({ disposition: s.code, concludedOn: desk.today });

      // The letter the applicant receives, downloadable in the portal as HTML and DOCX.
      const mine = await desk.portal.http
        .get(`/api/portal/requests/${id}/letters`)
        .set(desk.as.citizen)
        .expect(200);
      const letter = (mine.body.letters as { id: string; kind: string; number: string }[]).find(
        (l) => l.kind === s.letter,
      );
      expect(letter).toBeDefined();
      expect(letter!.number).toMatch(/^示范区政府依申(答|终)〔\d{4}〕\d{4}号$/);
      const html = await desk.portal.http
        .get(`/api/portal/requests/${id}/letters/${letter!.id}`)
        .set(desk.as.citizen)
        .expect(200);
      expect(html.text).toContain(letter!.number);
      const docx = await desk.portal.http
        .get(`/api/portal/requests/${id}/letters/${letter!.id}`)
        .query({ format: 'docx' })
        .set(desk.as.citizen)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

      await desk.act('handler', id, 'record-service', { channel: 'online', servedOn: desk.today });
      const archived = await desk.act('handler', id, 'archive', {});
      expect(archived).toMatchObject({ status: 'archived' });
      expect(archived.archiveNumber).toMatch(/^示范区政府·依申请公开·\d{4}·(永久|30年|10年)·\d{4}$/);

      const types = await desk.eventTypes(id);
      expect(types.filter((t) => s.events.includes(t))).toEqual(s.events);
      expect(types.slice(-2)).toEqual(['served', 'archived']);
      expect((await desk.row(id)).disposition).toBe(s.code);
      const verify = await desk.console.http
        .get(`/api/console/requests/${id}/archive/verify`)
        .set(desk.as.handler)
        .expect(200);
      expect(verify.body).toMatchObject({ ok: true, mismatches: [] });
      // Archived is read-only: every further move is refused.
      const after = await desk.refused('handler', id, 'record-service', {
        channel: 'online',
        servedOn: desk.today,
      });
      expect(after).toMatchObject({ status: 409, body: { code: 'REQUEST.INVALID_TRANSITION' } });
    },
  );
});
