import type { RequestState } from '@gongkai/domain';

/**
 * Where the request is, and what happens next, in the applicant's words (the rules behind each are in
 * docs/domain-rules.md, "States"); the tone is never shown by colour alone.
 */
const WORDS: Record<RequestState, { label: string; next: string; tone: string }> = {
  registered: { label: '已收到，等待分办', next: '机关已收到您的申请，正在安排承办人员。', tone: 'info' },
  in_progress: { label: '正在办理', next: '承办人员正在查找和核实您所需的信息。', tone: 'info' },
  awaiting_correction: {
    label: '等待您补正',
    next: '机关需要您补充或说明申请内容。请在补正期限内提交补正材料；逾期不补正的，视为放弃申请（条例第三十条）。',
    tone: 'warning',
  },
  consulting: {
    label: '正在征求意见',
    next: '机关正在征求第三方或其他机关的意见，这段时间不计入答复期限（条例第三十二条、第三十四条）。',
    tone: 'info',
  },
  awaiting_fee: {
    label: '等待缴费',
    next: '请按收费通知缴纳信息处理费；逾期未缴的，视为放弃申请（《政府信息公开信息处理费管理办法》）。',
    tone: 'warning',
  },
  in_review: { label: '正在审核答复', next: '答复已拟定，正在进行法制审核。', tone: 'info' },
  awaiting_signoff: { label: '正在签发答复', next: '答复已拟定，等待负责人签发。', tone: 'info' },
  replied: { label: '已答复', next: '机关已作出答复，请查看答复告知书。', tone: 'success' },
  served: {
    label: '已答复并送达',
    next: '答复已送达。如对答复不服，可依法申请行政复议或提起行政诉讼。',
    tone: 'success',
  },
  archived: { label: '已办结归档', next: '申请已办结归档。', tone: 'neutral' },
  terminated: {
    label: '已终止办理',
    next: '申请已终止办理，原因见办理记录和终止处理告知书。',
    tone: 'neutral',
  },
};

export function citizenStatus(state: RequestState) {
  return WORDS[state];
}
