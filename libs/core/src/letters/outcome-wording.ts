import { ReplyCode } from '@gongkai/domain';

/**
 * The locked sentence a reply gives for each item's outcome (docs/domain-rules.md "The kinds of reply"). Reasons,
 * the legal basis and the responsible agency follow it in the letter.
 */
export const OUTCOME_WORDING: Record<ReplyCode, string> = {
  'disclose.full': '经审查，该信息属于可以公开的政府信息，本机关予以公开。',
  'disclose.partial':
    '经审查，该信息中含有不应当公开的内容，但能够作区分处理，本机关对可以公开的部分予以公开，对不应当公开的部分不予公开。',
  'withhold.state_secret': '经审查，该信息属于国家秘密，本机关不予公开。',
  'withhold.law_prohibited': '经审查，该信息属于法律、行政法规禁止公开的政府信息，本机关不予公开。',
  'withhold.three_safety_one_stability':
    '经审查，公开该信息后可能危及国家安全、公共安全、经济安全、社会稳定，本机关不予公开。',
  'withhold.third_party_rights':
    '经审查，该信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，本机关不予公开。',
  'withhold.internal_affairs':
    '经审查，该信息属于人事管理、后勤管理、内部工作流程等内部事务信息，本机关不予公开。',
  'withhold.process_info':
    '经审查，该信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，本机关不予公开。',
  'withhold.enforcement_file': '经审查，该信息属于行政执法案卷信息，本机关不予公开。',
  'withhold.administrative_query':
    '经审查，法律、行政法规对该信息的获取有特别规定，请您（单位）按照有关法律、行政法规的规定办理。',
  'unavailable.not_held': '经检索查找，本机关未制作或者获取该政府信息，该政府信息不存在。',
  'unavailable.needs_creation':
    '经审查，本机关没有现成的该信息，提供该信息需要对现有政府信息进行加工、分析，本机关不予提供。',
  'unavailable.unclear_after_correction': '经补正后，您（单位）的申请内容仍不明确，本机关无法提供。',
  'not_processed.petition_complaint':
    '经审查，该申请实为以政府信息公开申请的形式进行信访、投诉、举报，本机关不作为政府信息公开申请处理，请您（单位）通过信访、投诉、举报等渠道提出。',
  'not_processed.repeat': '经审查，您（单位）已就相同内容提出过申请，本机关已依法作出答复，不再重复处理。',
  'not_processed.publication':
    '经审查，您（单位）要求提供的是政府公报、报刊、书籍等公开出版物，本机关不予提供，请通过公开出版渠道获取。',
  'not_processed.excessive':
    '经审查，您（单位）申请公开政府信息的数量、频次明显超过合理范围，说明的理由不合理，本机关不予处理。',
  'not_processed.confirm_or_reissue':
    '经审查，您（单位）要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的处理范围，本机关不予处理。',
};

/** Art. 36(5): the agency is not the one responsible for the information. */
export const NOT_RESPONSIBLE_WORDING = '经审查，该信息不属于本机关负责公开的政府信息。';
