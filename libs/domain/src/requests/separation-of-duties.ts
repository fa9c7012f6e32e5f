import { DomainError } from '../errors/domain-error';

/**
 * Separation of duties (docs/domain-rules.md, "Review and sign-off"): a person may hold several
 * roles, but a reply is drafted, reviewed and signed by three different people. Nobody reviews or
 * signs their own draft, and nobody signs a reply they approved in legal review.
 */
export function assertNotOwnWork(actorId: string, authorId: string | null | undefined, what: string): void {
  if (authorId && actorId === authorId) {
    throw new DomainError('REQUEST.SEPARATION_OF_DUTIES', 'forbidden', `不能${what}自己办理的事项。`, {
      what,
    });
  }
}

/** The events that matter here, oldest first. */
export interface DutyEvent {
  type: string;
  actor: string;
}

/** Who approved the current draft in legal review (approvals of an earlier draft do not count). */
export function reviewersOfCurrentDraft(events: readonly DutyEvent[]): string[] {
  const lastDraft = events.map((e) => e.type).lastIndexOf('reply_drafted');
  return events
    .slice(lastDraft + 1)
    .filter((e) => e.type === 'review_approved')
    .map((e) => e.actor);
}

export function assertSignerNotReviewer(signer: string, events: readonly DutyEvent[]): void {
  if (reviewersOfCurrentDraft(events).includes(signer)) {
    throw new DomainError('REQUEST.SEPARATION_OF_DUTIES', 'forbidden', '不能签发自己审核通过的答复。', {
      what: '签发',
    });
  }
}
