/** Where a request is (docs/domain-rules.md "States"). How it ended is its disposition, kept apart. */
export const REQUEST_STATES = [
  'registered',
  'in_progress',
  'awaiting_correction',
  'consulting',
  'awaiting_fee',
  'in_review',
  'awaiting_signoff',
  'replied',
  'served',
  'archived',
  'terminated',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  registered: '已登记待分办',
  in_progress: '办理中',
  awaiting_correction: '待补正',
  consulting: '征求意见中',
  awaiting_fee: '待缴费',
  in_review: '法制审核中',
  awaiting_signoff: '待签发',
  replied: '已答复',
  served: '已送达',
  archived: '已归档',
  terminated: '已终止',
};

/** States in which the request has not yet been concluded (docs/domain-rules.md P2: carried forward). */
export const OPEN_STATES: readonly RequestState[] = [
  'registered',
  'in_progress',
  'awaiting_correction',
  'consulting',
  'awaiting_fee',
  'in_review',
  'awaiting_signoff',
];

export function isOpen(state: RequestState): boolean {
  return OPEN_STATES.includes(state);
}
