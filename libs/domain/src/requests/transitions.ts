import { DomainError } from '../errors/domain-error';
import { Permission } from '../identity/roles';
import { OPEN_STATES, RequestState } from './request-state';

/**
 * The one transition table (docs/domain-rules.md "Transitions"). Every move of a request is one of these
 * actions; the action name is also its URL segment (`POST …/requests/{id}/{action}`). A move not in
 * this table is refused and leaves the request unchanged.
 */
export interface TransitionRule {
  from: readonly RequestState[];
  /** The states the action may lead to; several when the outcome depends on the case. */
  to: readonly RequestState[];
  /** Who may: a staff permission, or the applicant themselves. */
  by: Permission | 'applicant';
  /** Also open to staff with this permission on the applicant's behalf (withdrawal, correction). */
  alsoBy?: Permission;
  label: string;
}

const HANDLING: readonly RequestState[] = ['in_progress', 'consulting'];
/** 会商 is held while the request is handled or its reply is in review or awaiting sign-off. */
const JOINT: readonly RequestState[] = ['in_progress', 'consulting', 'in_review', 'awaiting_signoff'];

export const TRANSITIONS = {
  // Intake and assignment (分办、转办、承办).
  // Assigned to a handler it is in progress; dispatched to a department only, it waits there to be claimed.
  assign: { from: ['registered'], to: ['in_progress', 'registered'], by: 'request.assign', label: '分办' },
  claim: { from: ['registered'], to: ['in_progress'], by: 'request.claim', label: '认领' },
  return: { from: ['in_progress'], to: ['registered'], by: 'request.handle', label: '退回' },
  transfer: { from: ['in_progress'], to: ['in_progress'], by: 'request.assign', label: '转办' },
  // Correction (Art. 30).
  'issue-correction-notice': {
    from: ['registered', 'in_progress'],
    to: ['awaiting_correction'],
    by: 'request.handle',
    label: '发出补正告知',
  },
  'submit-correction': {
    from: ['awaiting_correction'],
    to: ['in_progress'],
    by: 'applicant',
    label: '提交补正',
  },
  'receive-correction': {
    from: ['awaiting_correction'],
    to: ['in_progress'],
    by: 'request.handle',
    label: '登记补正材料',
  },
  // Consultation (Art. 32, 33 ¶2, 34): handling continues while it is open.
  'open-consultation': { from: HANDLING, to: ['consulting'], by: 'request.handle', label: '征求意见' },
  'record-consultation-answer': {
    from: ['consulting'],
    to: ['consulting', 'in_progress'],
    by: 'request.handle',
    label: '登记意见',
  },
  // Written notice before disclosing over a third party's objection (Art. 32), and assistance letters.
  'notify-third-party': { from: HANDLING, to: HANDLING, by: 'request.handle', label: '告知第三方处理决定' },
  'request-assistance': { from: HANDLING, to: HANDLING, by: 'request.handle', label: '发出协办函' },
  // 会商 (joint consultation on a difficult request): an internal meeting that never moves the request
  // and never pauses its clock.
  'convene-joint-consultation': { from: JOINT, to: JOINT, by: 'request.handle', label: '召集会商' },
  'record-joint-opinion': { from: JOINT, to: JOINT, by: 'request.handle', label: '登记会商意见' },
  'conclude-joint-consultation': { from: JOINT, to: JOINT, by: 'request.handle', label: '形成会商结论' },
  // Extension (Art. 33 ¶2) and Art. 35.
  'request-extension': { from: HANDLING, to: HANDLING, by: 'request.handle', label: '申请延期' },
  'approve-extension': { from: HANDLING, to: HANDLING, by: 'request.approve', label: '批准延期' },
  'ask-reasons': { from: HANDLING, to: HANDLING, by: 'request.handle', label: '要求说明理由' },
  'decide-art35': { from: HANDLING, to: HANDLING, by: 'request.approve', label: '第三十五条决定' },
  // Fees (Art. 42; 国办函〔2020〕109号).
  'issue-fee-notice': {
    from: ['in_progress'],
    to: ['awaiting_fee'],
    by: 'request.approve',
    label: '发出收费通知',
  },
  'record-payment': { from: ['awaiting_fee'], to: ['in_progress'], by: 'request.handle', label: '登记缴费' },
  // Endings without a reply letter.
  terminate: {
    from: ['registered', 'awaiting_correction', 'awaiting_fee', 'in_progress', 'consulting'],
    to: ['terminated'],
    by: 'request.approve',
    label: '终止处理',
  },
  withdraw: {
    from: OPEN_STATES,
    to: ['terminated'],
    by: 'applicant',
    alsoBy: 'request.handle',
    label: '撤回申请',
  },
  // Reply, review, sign-off.
  'draft-reply': {
    from: ['in_progress'],
    to: ['in_review', 'awaiting_signoff'],
    by: 'request.handle',
    label: '拟制答复',
  },
  'approve-review': {
    from: ['in_review'],
    to: ['awaiting_signoff'],
    by: 'request.review',
    label: '审核通过',
  },
  'return-review': { from: ['in_review'], to: ['in_progress'], by: 'request.review', label: '审核退回' },
  'sign-off': { from: ['awaiting_signoff'], to: ['replied'], by: 'request.sign', label: '签发' },
  'return-signoff': {
    from: ['awaiting_signoff'],
    to: ['in_progress'],
    by: 'request.sign',
    label: '签发退回',
  },
  // After the conclusion.
  'record-service': {
    from: ['replied', 'terminated'],
    to: ['served'],
    by: 'request.handle',
    label: '登记送达',
  },
  archive: { from: ['served'], to: ['archived'], by: 'request.handle', label: '归档' },
} as const satisfies Record<string, TransitionRule>;

export type RequestAction = keyof typeof TRANSITIONS;
export const REQUEST_ACTIONS = Object.keys(TRANSITIONS) as RequestAction[];

export function isRequestAction(value: string): value is RequestAction {
  return Object.prototype.hasOwnProperty.call(TRANSITIONS, value);
}

export function canTransition(action: RequestAction, from: RequestState): boolean {
  return (TRANSITIONS[action].from as readonly RequestState[]).includes(from);
}

/**
 * Refuses an action from a state the table does not allow, or towards a state it does not list.
 * Returns the target state.
 */
export function assertTransition(action: RequestAction, from: RequestState, to?: RequestState): RequestState {
  const rule: TransitionRule = TRANSITIONS[action];
  if (!rule.from.includes(from)) {
    throw new DomainError('REQUEST.INVALID_TRANSITION', 'conflict', `当前状态不能执行“${rule.label}”。`, {
      action,
      state: from,
      allowedFrom: rule.from,
    });
  }
  const target = to ?? rule.to[0];
  if (!rule.to.includes(target)) {
    throw new DomainError('REQUEST.INVALID_TRANSITION', 'conflict', `“${rule.label}”不能进入该状态。`, {
      action,
      state: from,
      target,
    });
  }
  return target;
}
