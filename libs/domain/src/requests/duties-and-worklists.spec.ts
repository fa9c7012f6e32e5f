import { DomainError } from '../errors/domain-error';
import { REQUEST_STATES } from './request-state';
import { assertNotOwnWork, assertSignerNotReviewer, reviewersOfCurrentDraft } from './separation-of-duties';
import { WORKLIST_STAGES, isUnassigned } from './worklist';

describe(assertNotOwnWork.name, () => {
  it.each<[string, string | null, boolean]>([
    ['u1', 'u1', true],
    ['u1', 'u2', false],
    ['u1', null, false],
  ])('actor %s on work of %s: refused %s', (actor, author, refused) => {
    const act = () => assertNotOwnWork(actor, author, '审核');
    if (refused) {
      expect(act).toThrow(DomainError);
      expect(act).toThrow('不能审核自己办理的事项。');
    } else {
      expect(act).not.toThrow();
    }
  });
});

describe(reviewersOfCurrentDraft.name, () => {
  const e = (type: string, actor: string) => ({ type, actor });
  it.each<[string, { type: string; actor: string }[], string[]]>([
    ['no review yet', [e('reply_drafted', 'handler')], []],
    ['approved once', [e('reply_drafted', 'handler'), e('review_approved', 'legal')], ['legal']],
    [
      'returned, redrafted, approved by another: only the current draft counts',
      [
        e('reply_drafted', 'handler'),
        e('review_approved', 'legal'),
        e('signoff_returned', 'signer'),
        e('reply_drafted', 'handler'),
        e('review_approved', 'legal2'),
      ],
      ['legal2'],
    ],
    ['no draft at all', [e('received', 'registrar')], []],
  ])('%s', (_, events, reviewers) => {
    expect(reviewersOfCurrentDraft(events)).toEqual(reviewers);
  });

  it('should refuse a signer who approved the current draft, and only them', () => {
    const events = [
      { type: 'reply_drafted', actor: 'handler' },
      { type: 'review_approved', actor: 'legal' },
    ];
    expect(() => assertSignerNotReviewer('legal', events)).toThrow('不能签发自己审核通过的答复。');
    expect(() => assertSignerNotReviewer('signer', events)).not.toThrow();
  });
});

describe('worklist stages', () => {
  it('should send each stage to the holders of its power, in its states', () => {
    expect(WORKLIST_STAGES).toEqual({
      to_review: { states: ['in_review'], permission: 'request.review' },
      to_sign: { states: ['awaiting_signoff'], permission: 'request.sign' },
      to_serve: { states: ['replied', 'terminated'], permission: 'request.handle' },
      to_archive: { states: ['served'], permission: 'request.handle' },
      consulting: { states: ['consulting'], permission: 'request.handle' },
    });
    const staged = Object.values(WORKLIST_STAGES).flatMap((s) => s.states);
    expect(staged.every((s) => REQUEST_STATES.includes(s))).toBe(true);
    expect(new Set(staged).size).toBe(staged.length);
  });

  it.each<[Parameters<typeof isUnassigned>[0], string | null, boolean]>([
    ['registered', null, true],
    ['registered', 'u1', false],
    ['in_progress', null, false],
  ])('%s with assignee %s is unassigned: %s', (state, assignee, expected) => {
    expect(isUnassigned(state, assignee)).toBe(expected);
  });
});
