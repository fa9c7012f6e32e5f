/** What each event of a request's history means, as the desk's timeline says it. */
const EVENT_WORDS: Record<string, string> = {
  received: '收到申请',
  assigned: '分办',
  claimed: '认领',
  returned: '退回',
  transferred: '转办',
  assistance_requested: '发出协办函',
  correction_notice_served: '发出补正告知书',
  correction_received: '收到补正材料',
  consultation_opened: '征求意见',
  consultation_answered: '收到意见',
  consultation_lapsed: '征求意见期满',
  third_party_notified: '告知第三方处理决定',
  joint_consultation_convened: '召集会商',
  joint_opinion_recorded: '登记会商意见',
  joint_consultation_concluded: '形成会商结论，生成会商纪要',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  art35_reasons_requested: '要求说明理由（第三十五条）',
  art35_deadline_set: '确定答复期限（第三十五条）',
  art35_refused: '不予处理（第三十五条）',
  fee_notice_served: '发出收费通知',
  fee_paid: '缴费',
  reply_drafted: '拟制答复',
  review_approved: '法制审核通过',
  review_returned: '法制审核退回',
  signoff_returned: '签发退回',
  reply_issued: '签发答复',
  served: '送达',
  archived: '归档',
  termination_proposed: '建议终止办理',
  terminated: '终止办理',
  withdrawn: '撤回申请',
  deadline_recomputed: '因节假日安排调整重新计算期限',
};

export function eventWords(type: string): string {
  return EVENT_WORDS[type] ?? type;
}

/** Who acted: staff by their login, the applicant and the system in words. */
export function actorWords(actor: string): string {
  if (actor.startsWith('citizen:')) {
    return '申请人';
  }
  return actor === 'system' || actor === 'worker' ? '系统' : actor;
}
