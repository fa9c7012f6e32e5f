import fc from 'fast-check';
import type { Response } from 'supertest';
import { TRANSITIONS, canTransition, isOpen } from '@gongkai/domain';
import type { RequestAction, RequestState } from '@gongkai/domain';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk, STAFF, StaffLogin } from './support/desk';

/** A plausible body for each action, so that refusals come from the rules, not from validation. */
function bodyFor(
  action: RequestAction,
  today: string,
  consultationId: string | null,
): Record<string, unknown> {
  switch (action) {
    case 'issue-correction-notice':
      return { defects: ['缺少身份证明'] };
    case 'receive-correction':
      return { text: '已补正', receivedOn: today };
    case 'open-consultation':
      return { party: 'third_party', partyName: '某公司', subject: '报价明细' };
    case 'record-consultation-answer':
      return {
        consultationId: consultationId ?? '00000000-0000-4000-8000-000000000000',
        answer: 'consent',
        answeredOn: today,
      };
    case 'convene-joint-consultation':
      return {
        topic: '是否属于过程性信息',
        meetingOn: today,
        participants: [{ kind: 'legal', name: '法制科' }],
      };
    case 'record-joint-opinion':
      return { jointConsultationId: '00000000-0000-4000-8000-000000000000', participant: 0, opinion: '同意' };
    case 'conclude-joint-consultation':
      return { jointConsultationId: '00000000-0000-4000-8000-000000000000', conclusion: '不予公开' };
    case 'request-extension':
      return { workingDays: 10, reason: '需要调阅档案' };
    case 'ask-reasons':
      return { question: '请说明理由' };
    case 'decide-art35':
      return { decision: 'refuse', reason: '理由不成立' };
    case 'issue-fee-notice':
      return { basis: 'per_volume', pages: 60 };
    case 'record-payment':
      return { paidOn: today, receiptNumber: 'R1' };
    case 'terminate':
      return { code: 'other.other', reason: '申请人已注销' };
    case 'withdraw':
      return { reason: '申请人书面撤回', attachmentIds: ['00000000-0000-4000-8000-000000000000'] };
    case 'draft-reply':
      return { items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }] };
    case 'return-review':
    case 'return-signoff':
      return { opinion: '请补充理由' };
    case 'record-service':
      return { channel: 'online', servedOn: today };
    case 'return':
      return { reason: '不属于本人承办' };
    case 'notify-third-party':
      return {
        consultationId: consultationId ?? '00000000-0000-4000-8000-000000000000',
        disclosure: '总额',
        reasons: '公共利益',
      };
    case 'request-assistance':
      return { agencyId: '00000000-0000-4000-8000-000000000000', question: '请协查' };
    default:
      return {};
  }
}

const ACTIONS = (Object.keys(TRANSITIONS) as RequestAction[]).filter((a) => a !== 'submit-correction');

/**
 * Random sequences of actions by random roles: a move succeeds only if the transition table allows
 * it from the current state, and a refused move changes nothing (state, version, events, letters).
 */
describe('state machine fuzz', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-11-23T09:00:00+08:00'));

  beforeAll(async () => {
    await desk.start(db().url);
  });
  afterAll(() => desk.close());

  it('should only ever make legal moves, and leave the request unchanged on a refusal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...ACTIONS), fc.constantFrom<StaffLogin>(...STAFF)), {
          minLength: 5,
          maxLength: 14,
        }),
        async (moves) => {
          const id = await desk.applyAndClaim();
          let consultationId: string | null = null;
          for (const [action, who] of moves) {
            const before = await desk.row(id);
            const eventsBefore = (await desk.eventTypes(id)).length;
            const letters = await desk.ds.query<{ n: number }[]>(
              'SELECT count(*)::int AS n FROM letter WHERE request_id = $1',
              [id],
            );
            const res: Response = await desk.console.http
              .post(`/api/console/requests/${id}/${action}`)
              .set(desk.as[who])
              .send({ ...bodyFor(action, desk.today, consultationId), version: before.version });
            const after = await desk.row(id);
            if (res.status === 200) {
              expect(canTransition(action, before.status)).toBe(true);
              expect((TRANSITIONS[action].to as readonly RequestState[]).includes(after.status)).toBe(true);
              expect(after.version).toBe(before.version + 1);
              expect((await desk.eventTypes(id)).length).toBeGreaterThan(eventsBefore);
              if (!isOpen(after.status)) {
                expect(after.concludedOn).not.toBeNull();
              }
              if (action === 'open-consultation') {
                consultationId = (res.body as { consultationId: string }).consultationId;
              }
            } else {
              expect([400, 403, 404, 409, 422]).toContain(res.status);
              expect(typeof (res.body as { code: string }).code).toBe('string');
              if (!canTransition(action, before.status)) {
                expect([403, 404, 409]).toContain(res.status);
              }
              expect(after).toEqual(before);
              expect((await desk.eventTypes(id)).length).toBe(eventsBefore);
              const lettersAfter = await desk.ds.query<{ n: number }[]>(
                'SELECT count(*)::int AS n FROM letter WHERE request_id = $1',
                [id],
              );
              expect(lettersAfter[0].n).toBe(letters[0].n);
            }
          }
        },
      ),
      { numRuns: 25, seed: 20261123 },
    );
  });
});
