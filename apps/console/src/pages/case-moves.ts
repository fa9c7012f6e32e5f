import {
  DELIVERY_CHANNEL_LABELS,
  DELIVERY_CHANNELS,
  DISPOSITION_INFO,
  FEE_BASES,
  REMEDY_KIND_LABELS,
  REMEDY_KINDS,
  REMEDY_RESULTS,
  TERMINATION_CODES,
  TRANSITIONS,
} from '@gongkai/domain';
import type { Permission, RequestState } from '@gongkai/domain';
import { VersionDto } from '@gongkai/core/platform';
import type { AttachmentPurpose } from '@gongkai/core/attachments';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import type { CaseFileService } from '@gongkai/core/archive';
import type {
  ConclusionService,
  ConsultationService,
  CorrectionService,
  FeeService,
  JointConsultationService,
  ReplyService,
  ServiceRecordService,
  TimeLimitService,
} from '@gongkai/core/handling';
import type { RemedyCaseService } from '@gongkai/core/reports';
import type { AssignmentService } from '@gongkai/core/requests/moves';
import { text } from '@gongkai/web';
import {
  Art35DecisionDto,
  AskReasonsDto,
  AssistanceDto,
  ConcludeJointDto,
  ConsultationAnswerDto,
  ConveneJointDto,
  CorrectionNoticeDto,
  ExtensionDto,
  FeeNoticeDto,
  JointOpinionDto,
  NotifyThirdPartyDto,
  OpenConsultationDto,
  OpinionDto,
  PaymentDto,
  ReceiveCorrectionDto,
  RequiredOpinionDto,
  ServiceDto,
  StaffWithdrawDto,
  TerminateDto,
} from '../handling/handling.dto';
import { RemedyCaseDto } from '../reports/reports.dto';
import { AssignDto, ReturnDto, TransferDto } from '../requests/requests.dto';

export interface Option {
  value: string;
  label: string;
}

/** One field of a move's form; `name` is the field of the move's input, so errors land beside it. */
export interface MoveField {
  name: string;
  kind: 'text' | 'date' | 'number' | 'textarea' | 'select' | 'radios';
  label: string;
  hint?: string;
  optional?: boolean;
  options?: Option[];
  /** The value the form starts with. */
  start?: string;
}

/** What the forms need to know about the request beyond its record. */
export interface MoveContext {
  today: string;
  status: RequestState;
  deliveryChannel: string | null;
  eventTypes: string[];
  /** Consultations still waiting for an answer. */
  openConsultations: Option[];
  /** Third parties who objected and have not yet had the written notice. */
  unnotifiedObjections: Option[];
  agencies: Option[];
  handlers: Option[];
  hasRemedyRecord: boolean;
  /** For the fee notice: what charging per request would come to (109号). */
  feeQuote: string | null;
  /** The current draft is this person's own (they may neither review nor sign it). */
  ownDraft: boolean;
  /** This person approved the current draft in legal review (they may not sign it). */
  reviewedDraft: boolean;
  /** 会商 not yet concluded. */
  openJoint: Option[];
  /** Their participants, as `会商 id/position`. */
  jointParticipants: Option[];
}

export type Form = Record<string, unknown>;

/** The services the moves call: the same the JSON API calls. */
export interface CaseMoveServices {
  assignment: AssignmentService;
  correction: CorrectionService;
  consultation: ConsultationService;
  timeLimits: TimeLimitService;
  fees: FeeService;
  conclusion: ConclusionService;
  reply: ReplyService;
  service: ServiceRecordService;
  caseFiles: CaseFileService;
  remedies: RemedyCaseService;
  joint: JointConsultationService;
}

interface MoveOf<T extends object> {
  slug: string;
  /** Heading of the form; defaults to the transition's label. */
  label?: string;
  /** Who may make it, where the transition table does not say (non-transitions, staff withdrawal). */
  by?: Permission;
  /** The states it is open in, where the transition table does not say. */
  from?: readonly RequestState[];
  intro?: string;
  /** A line computed for this request, shown under the intro (a fee quote). */
  note?: (ctx: MoveContext) => string | null;
  submit: string;
  secondary?: boolean;
  fields: (ctx: MoveContext) => MoveField[];
  /** Shown only when the request's history allows it (an extension to approve, an answer to record). */
  offered?: (ctx: MoveContext) => boolean;
  /** A scanned proof uploaded with the form, linked under this input field. */
  proof?: { field: 'attachmentIds' | 'proofAttachmentIds'; purpose: AttachmentPurpose; label: string };
  /** The DTO its JSON API twin checks the input with. */
  dto: new () => T;
  input: (form: Form) => Record<string, unknown>;
  run: (s: CaseMoveServices, c: Caller<StaffPrincipal>, id: string, input: T) => Promise<unknown>;
}

export type PageMove = MoveOf<object>;

/** A move with its input's type checked against its service, then kept in one list. */
function move<T extends object>(m: MoveOf<T>): PageMove {
  return m as unknown as PageMove;
}

const trimmed = (form: Form, name: string, max = 3000) => text(form, name, max) || undefined;
const int = (form: Form, name: string) => {
  const v = text(form, name, 12);
  return v ? Number(v) : undefined;
};
const version = (form: Form) => ({ version: int(form, 'version') });
const today = (ctx: MoveContext) => ctx.today;
const reasonField = (label: string): MoveField => ({ name: 'reason', kind: 'textarea', label });
/** The department and (optionally) the person a request goes to, for 分办 and 转办. */
const whoHandles = (ctx: MoveContext): MoveField[] => [
  { name: 'handlingAgencyId', kind: 'select', label: '承办部门', options: ctx.agencies },
  {
    name: 'assigneeId',
    kind: 'select',
    label: '承办人',
    optional: true,
    options: [{ value: '', label: '不指定（部门待认领）' }, ...ctx.handlers],
  },
];
const handledBy = (f: Form) => ({
  handlingAgencyId: trimmed(f, 'handlingAgencyId', 60),
  assigneeId: trimmed(f, 'assigneeId', 60),
});
const dateHint = '格式：2026-03-02';

/**
 * The moves of the case page after the draft reply, in the order a request meets them. Each names the
 * DTO its JSON API twin checks, so a page and the API refuse the same input with the same field errors.
 */
export const CASE_MOVES: readonly PageMove[] = [
  move({
    slug: 'claim',
    intro: '由我承办这件申请。',
    submit: '认领',
    fields: () => [],
    dto: VersionDto,
    input: version,
    run: (s, c, id, b) => s.assignment.claim(c, id, b.version),
  }),
  move({
    slug: 'assign',
    intro: '分给承办部门或承办人；不选承办人则由该部门认领。',
    submit: '分办',
    fields: (ctx) => [
      ...whoHandles(ctx),
      { name: 'note', kind: 'textarea', label: '分办说明', optional: true },
    ],
    dto: AssignDto,
    input: (f) => ({
      ...version(f),
      ...handledBy(f),
      note: trimmed(f, 'note', 500),
    }),
    run: (s, c, id, b) => s.assignment.assign(c, id, b),
  }),
  move({
    slug: 'transfer',
    intro: '改由其他部门或承办人办理。',
    submit: '转办',
    secondary: true,
    fields: (ctx) => [...whoHandles(ctx), reasonField('转办理由')],
    dto: TransferDto,
    input: (f) => ({
      ...version(f),
      ...handledBy(f),
      reason: text(f, 'reason', 500),
    }),
    run: (s, c, id, b) => s.assignment.transfer(c, id, b),
  }),
  move({
    slug: 'request-assistance',
    intro: '请本机关的其他部门协助查找或提供信息（协办函）。',
    submit: '发出协办函',
    secondary: true,
    fields: (ctx) => [
      { name: 'agencyId', kind: 'select', label: '协办部门', options: ctx.agencies },
      { name: 'question', kind: 'textarea', label: '请协助的事项' },
    ],
    dto: AssistanceDto,
    input: (f) => ({
      ...version(f),
      agencyId: trimmed(f, 'agencyId', 60),
      question: text(f, 'question', 2000),
    }),
    run: (s, c, id, b) => s.consultation.requestAssistance(c, id, b),
  }),
  move({
    slug: 'issue-correction-notice',
    intro: '申请内容不明确的，一次性告知需要补正的全部事项；补正期间答复期限暂停（条例第三十条）。',
    submit: '发出补正告知书',
    fields: () => [
      { name: 'defects', kind: 'textarea', label: '需要补正的事项', hint: '一行一项，一次性全部列出' },
      { name: 'periodWorkingDays', kind: 'number', label: '补正期限（工作日）', start: '15' },
    ],
    dto: CorrectionNoticeDto,
    input: (f) => ({
      ...version(f),
      defects: text(f, 'defects', 10_000)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      periodWorkingDays: int(f, 'periodWorkingDays'),
    }),
    run: (s, c, id, b) => s.correction.issueNotice(c, id, b),
  }),
  move({
    slug: 'receive-correction',
    intro: '申请人以纸质方式交来补正材料时登记；答复期限自收到之日起重新计算。',
    submit: '登记补正材料',
    fields: (ctx) => [
      { name: 'receivedOn', kind: 'date', label: '收到补正材料之日', hint: dateHint, start: today(ctx) },
      { name: 'text', kind: 'textarea', label: '补正内容' },
    ],
    proof: { field: 'attachmentIds', purpose: 'correction', label: '补正材料扫描件' },
    dto: ReceiveCorrectionDto,
    input: (f) => ({ ...version(f), receivedOn: text(f, 'receivedOn', 20), text: text(f, 'text', 5000) }),
    run: (s, c, id, b) => s.correction.receive(c, id, b),
  }),
  move({
    slug: 'convene-joint-consultation',
    intro:
      '疑难申请可以召集业务部门、法制机构和领导会商（重大问题会商、联审联办）。会商是内部研究程序，答复期限不因会商暂停或延长。',
    submit: '召集会商',
    secondary: true,
    fields: (ctx) => [
      { name: 'topic', kind: 'textarea', label: '会商事项' },
      { name: 'meetingOn', kind: 'date', label: '会商日期', start: today(ctx) },
      {
        name: 'concludeBy',
        kind: 'date',
        label: '结论期限',
        hint: '不填为会商日期后 3 个工作日；逾期未形成结论的会商列入督办',
        optional: true,
      },
      { name: 'participants', kind: 'textarea', label: '参加的业务部门', hint: '一行一个' },
      { name: 'legal', kind: 'textarea', label: '参加的法制机构', hint: '一行一个', optional: true },
      {
        name: 'leaders',
        kind: 'textarea',
        label: '参加的领导',
        hint: '一行一位，写职务即可',
        optional: true,
      },
    ],
    dto: ConveneJointDto,
    input: (f) => {
      const lines = (name: string, kind: string) =>
        text(f, name, 3000)
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((name) => ({ kind, name }));
      return {
        ...version(f),
        topic: text(f, 'topic', 500),
        meetingOn: text(f, 'meetingOn', 10),
        concludeBy: trimmed(f, 'concludeBy', 10),
        participants: [
          ...lines('participants', 'department'),
          ...lines('legal', 'legal'),
          ...lines('leaders', 'leader'),
        ],
      };
    },
    run: (s, c, id, b) => s.joint.convene(c, id, b),
  }),
  move({
    slug: 'record-joint-opinion',
    intro: '逐一登记参加会商各方的意见；再次登记同一方的意见会替换之前的记录（办理记录中保留）。',
    submit: '登记意见',
    secondary: true,
    offered: (ctx) => ctx.jointParticipants.length > 0,
    fields: (ctx) => [
      { name: 'participant', kind: 'select', label: '参加方', options: ctx.jointParticipants },
      { name: 'opinion', kind: 'textarea', label: '意见' },
    ],
    dto: JointOpinionDto,
    input: (f) => {
      const [jointConsultationId, position] = text(f, 'participant', 60).split('/');
      return {
        ...version(f),
        jointConsultationId: jointConsultationId || undefined,
        participant: position === undefined ? undefined : Number(position),
        opinion: text(f, 'opinion', 5000),
      };
    },
    run: (s, c, id, b) => s.joint.recordOpinion(c, id, b),
  }),
  move({
    slug: 'conclude-joint-consultation',
    intro: '形成结论后生成会商纪要，存入案卷。',
    submit: '形成结论并生成纪要',
    secondary: true,
    offered: (ctx) => ctx.openJoint.length > 0,
    fields: (ctx) => [
      { name: 'jointConsultationId', kind: 'select', label: '会商', options: ctx.openJoint },
      { name: 'conclusion', kind: 'textarea', label: '会商结论' },
    ],
    dto: ConcludeJointDto,
    input: (f) => ({
      ...version(f),
      jointConsultationId: trimmed(f, 'jointConsultationId', 60),
      conclusion: text(f, 'conclusion', 10_000),
    }),
    run: (s, c, id, b) => s.joint.conclude(c, id, b),
  }),
  move({
    slug: 'open-consultation',
    intro: '征求意见期间答复期限暂停（条例第三十二条、第三十三条）。',
    submit: '发出征求意见',
    secondary: true,
    fields: () => [
      {
        name: 'party',
        kind: 'radios',
        label: '征求谁的意见',
        options: [
          { value: 'third_party', label: '第三方（公民、法人或其他组织）' },
          { value: 'inter_agency', label: '其他行政机关' },
        ],
        start: 'third_party',
      },
      { name: 'partyName', kind: 'text', label: '名称' },
      { name: 'partyAddress', kind: 'text', label: '地址', optional: true },
      { name: 'subject', kind: 'textarea', label: '征求意见的内容' },
    ],
    dto: OpenConsultationDto,
    input: (f) => ({
      ...version(f),
      party: text(f, 'party', 20),
      partyName: text(f, 'partyName', 200),
      partyAddress: trimmed(f, 'partyAddress', 300),
      subject: text(f, 'subject', 2000),
    }),
    run: (s, c, id, b) => s.consultation.open(c, id, b),
  }),
  move({
    slug: 'record-consultation-answer',
    submit: '登记意见',
    offered: (ctx) => ctx.openConsultations.length > 0,
    fields: (ctx) => [
      { name: 'consultationId', kind: 'select', label: '征求意见', options: ctx.openConsultations },
      {
        name: 'answer',
        kind: 'radios',
        label: '意见',
        options: [
          { value: 'consent', label: '同意公开' },
          { value: 'objection', label: '不同意公开' },
        ],
      },
      { name: 'reasons', kind: 'textarea', label: '不同意的理由', optional: true },
      { name: 'answeredOn', kind: 'date', label: '收到意见之日', hint: dateHint, start: today(ctx) },
    ],
    dto: ConsultationAnswerDto,
    input: (f) => ({
      ...version(f),
      consultationId: text(f, 'consultationId', 60),
      answer: text(f, 'answer', 20),
      reasons: trimmed(f, 'reasons', 2000),
      answeredOn: text(f, 'answeredOn', 20),
    }),
    run: (s, c, id, b) => s.consultation.answer(c, id, b),
  }),
  move({
    slug: 'notify-third-party',
    intro: '第三方不同意公开、机关认为不公开会对公共利益造成重大影响而决定公开的，须先书面告知第三方。',
    submit: '发出告知书',
    offered: (ctx) => ctx.unnotifiedObjections.length > 0,
    fields: (ctx) => [
      {
        name: 'consultationId',
        kind: 'select',
        label: '不同意公开的第三方',
        options: ctx.unnotifiedObjections,
      },
      { name: 'disclosure', kind: 'textarea', label: '决定公开的内容' },
      { name: 'reasons', kind: 'textarea', label: '决定公开的理由' },
    ],
    dto: NotifyThirdPartyDto,
    input: (f) => ({
      ...version(f),
      consultationId: text(f, 'consultationId', 60),
      disclosure: text(f, 'disclosure', 2000),
      reasons: text(f, 'reasons', 2000),
    }),
    run: (s, c, id, b) => s.consultation.notifyThirdParty(c, id, b),
  }),
  move({
    slug: 'request-extension',
    intro: '在答复期限届满前报请延期，只能延长一次，最长 20 个工作日（条例第三十三条第二款）。',
    submit: '报请延期',
    secondary: true,
    offered: (ctx) => !ctx.eventTypes.includes('extension_requested'),
    fields: () => [
      { name: 'workingDays', kind: 'number', label: '延长的工作日数', hint: '1 至 20', start: '20' },
      reasonField('延期理由'),
    ],
    dto: ExtensionDto,
    input: (f) => ({ ...version(f), workingDays: int(f, 'workingDays'), reason: text(f, 'reason', 500) }),
    run: (s, c, id, b) => s.timeLimits.requestExtension(c, id, b),
  }),
  move({
    slug: 'approve-extension',
    intro: '批准后向申请人发出延期答复告知书。',
    submit: '批准延期',
    offered: (ctx) =>
      ctx.eventTypes.includes('extension_requested') && !ctx.eventTypes.includes('extension_approved'),
    fields: () => [],
    dto: VersionDto,
    input: version,
    run: (s, c, id, b) => s.timeLimits.approveExtension(c, id, b.version),
  }),
  move({
    slug: 'ask-reasons',
    intro: '申请数量、频次明显超过合理范围的，可以要求申请人说明理由（条例第三十五条）。',
    submit: '发出说明理由通知',
    secondary: true,
    offered: (ctx) => !ctx.eventTypes.includes('art35_reasons_requested'),
    fields: () => [{ name: 'question', kind: 'textarea', label: '请申请人说明的事项' }],
    dto: AskReasonsDto,
    input: (f) => ({ ...version(f), question: text(f, 'question', 2000) }),
    run: (s, c, id, b) => s.timeLimits.askReasons(c, id, b),
  }),
  move({
    slug: 'decide-art35',
    submit: '作出决定',
    offered: (ctx) =>
      ctx.eventTypes.includes('art35_reasons_requested') &&
      !ctx.eventTypes.some((t) => t === 'art35_deadline_set' || t === 'art35_refused'),
    fields: () => [
      {
        name: 'decision',
        kind: 'radios',
        label: '决定',
        options: [
          { value: 'set_deadline', label: '理由合理：确定延后的答复期限' },
          { value: 'refuse', label: '理由不合理或逾期未说明：不予处理' },
        ],
      },
      {
        name: 'deadline',
        kind: 'date',
        label: '延后的答复期限',
        hint: `确定期限时填写。${dateHint}`,
        optional: true,
      },
      reasonField('决定理由'),
    ],
    dto: Art35DecisionDto,
    input: (f) => ({
      ...version(f),
      decision: text(f, 'decision', 20),
      deadline: trimmed(f, 'deadline', 20),
      reason: text(f, 'reason', 2000),
    }),
    run: (s, c, id, b) => s.timeLimits.decideArt35(c, id, b),
  }),
  move({
    slug: 'issue-fee-notice',
    intro: '按国办函〔2020〕109号收取信息处理费；缴费期间答复期限暂停。',
    note: (ctx) => ctx.feeQuote,
    submit: '发出收费通知',
    secondary: true,
    fields: () => [
      {
        name: 'basis',
        kind: 'radios',
        label: '计收方式',
        options: FEE_BASES.map((value) => ({
          value,
          label: value === 'per_request' ? '按件计收' : '按量计收（按页数）',
        })),
      },
      { name: 'pages', kind: 'number', label: '页数', hint: '按量计收时填写', optional: true },
    ],
    dto: FeeNoticeDto,
    input: (f) => ({ ...version(f), basis: text(f, 'basis', 20), pages: int(f, 'pages') }),
    run: (s, c, id, b) => s.fees.issueNotice(c, id, b),
  }),
  move({
    slug: 'record-payment',
    submit: '登记缴费',
    fields: (ctx) => [
      { name: 'paidOn', kind: 'date', label: '缴费日期', hint: dateHint, start: today(ctx) },
      { name: 'receiptNumber', kind: 'text', label: '票据号' },
    ],
    proof: { field: 'attachmentIds', purpose: 'payment_receipt', label: '缴费凭证' },
    dto: PaymentDto,
    input: (f) => ({
      ...version(f),
      paidOn: text(f, 'paidOn', 20),
      receiptNumber: text(f, 'receiptNumber', 100),
    }),
    run: (s, c, id, b) => s.fees.recordPayment(c, id, b),
  }),
  move({
    slug: 'approve-review',
    submit: '审核通过',
    offered: (ctx) => !ctx.ownDraft,
    fields: () => [{ name: 'opinion', kind: 'textarea', label: '审核意见', optional: true }],
    dto: OpinionDto,
    input: (f) => ({ ...version(f), opinion: trimmed(f, 'opinion') }),
    run: (s, c, id, b) => s.reply.approveReview(c, id, b),
  }),
  move({
    slug: 'return-review',
    submit: '退回修改',
    offered: (ctx) => !ctx.ownDraft,
    secondary: true,
    fields: () => [{ name: 'opinion', kind: 'textarea', label: '退回意见' }],
    dto: RequiredOpinionDto,
    input: (f) => ({ ...version(f), opinion: text(f, 'opinion', 3000) }),
    run: (s, c, id, b) => s.reply.returnReview(c, id, b),
  }),
  move({
    slug: 'sign-off',
    intro: '签发后生成编号的答复告知书，申请办结。',
    submit: '签发',
    offered: (ctx) => !ctx.ownDraft && !ctx.reviewedDraft,
    fields: () => [],
    dto: VersionDto,
    input: version,
    run: (s, c, id, b) => s.reply.signOff(c, id, b.version),
  }),
  move({
    slug: 'return-signoff',
    submit: '退回修改',
    offered: (ctx) => !ctx.ownDraft && !ctx.reviewedDraft,
    secondary: true,
    fields: () => [{ name: 'opinion', kind: 'textarea', label: '退回意见' }],
    dto: RequiredOpinionDto,
    input: (f) => ({ ...version(f), opinion: text(f, 'opinion', 3000) }),
    run: (s, c, id, b) => s.reply.returnSignoff(c, id, b),
  }),
  move({
    slug: 'record-service',
    intro:
      '电子邮件：系统把文书全文作为附件发给申请人，以邮件服务器接受的时间为送达凭证。邮寄以签收之日为送达日期，须上传回执或查询记录；当面送达须填写签收人并上传签收单。',
    submit: '登记送达',
    fields: (ctx) => [
      {
        name: 'channel',
        kind: 'radios',
        label: '送达方式',
        options: DELIVERY_CHANNELS.map((value) => ({ value, label: DELIVERY_CHANNEL_LABELS[value] })),
        start: ctx.deliveryChannel ?? 'online',
      },
      {
        name: 'servedOn',
        kind: 'date',
        label: '送达日期（邮寄为签收日期）',
        hint: dateHint,
        start: today(ctx),
      },
      { name: 'trackingNumber', kind: 'text', label: '邮件号', optional: true },
      { name: 'signedBy', kind: 'text', label: '签收人', optional: true },
      { name: 'note', kind: 'textarea', label: '备注', optional: true },
    ],
    proof: { field: 'proofAttachmentIds', purpose: 'proof_of_service', label: '送达凭证（回执、签收单）' },
    dto: ServiceDto,
    input: (f) => ({
      ...version(f),
      channel: text(f, 'channel', 20),
      servedOn: text(f, 'servedOn', 20),
      trackingNumber: trimmed(f, 'trackingNumber', 100),
      signedBy: trimmed(f, 'signedBy', 100),
      note: trimmed(f, 'note', 500),
    }),
    run: (s, c, id, b) => s.service.record(c, id, b),
  }),
  move({
    slug: 'archive',
    intro: '归档后申请只读，可随时校验案卷完整性。',
    submit: '归档',
    fields: () => [],
    dto: VersionDto,
    input: version,
    run: (s, c, id, b) => s.caseFiles.archive(c, id, b.version),
  }),
  move({
    slug: 'record-remedy',
    label: '登记行政复议、行政诉讼',
    by: 'remedy.record',
    from: ['replied', 'served', 'archived', 'terminated'],
    submit: '登记',
    secondary: true,
    fields: (ctx) => [
      {
        name: 'kind',
        kind: 'select',
        label: '类别',
        options: REMEDY_KINDS.map((value) => ({ value, label: REMEDY_KIND_LABELS[value] })),
      },
      { name: 'filedOn', kind: 'date', label: '立案日期', hint: dateHint, start: today(ctx) },
      { name: 'body', kind: 'text', label: '复议机关或人民法院' },
      {
        name: 'result',
        kind: 'select',
        label: '结果',
        optional: true,
        options: [
          { value: '', label: '尚未审结' },
          ...REMEDY_RESULTS.map((value) => ({ value, label: REMEDY_RESULT_LABELS[value] })),
        ],
      },
      { name: 'concludedOn', kind: 'date', label: '审结日期', hint: dateHint, optional: true },
    ],
    dto: RemedyCaseDto,
    input: (f) => ({
      kind: text(f, 'kind', 40),
      filedOn: text(f, 'filedOn', 20),
      body: text(f, 'body', 100),
      result: trimmed(f, 'result', 20),
      concludedOn: trimmed(f, 'concludedOn', 20),
    }),
    run: (s, c, id, b) => s.remedies.record(c, id, b),
  }),
  move({
    slug: 'withdraw',
    label: '登记申请人撤回',
    by: 'request.approve',
    from: ['registered', 'in_progress', 'awaiting_correction', 'consulting', 'awaiting_fee'],
    intro: '申请人书面撤回申请时，由工作机构负责人登记，须上传书面撤回申请；答复审核、签发期间不能登记。',
    submit: '登记撤回',
    secondary: true,
    fields: () => [reasonField('撤回的方式和原因')],
    proof: { field: 'attachmentIds', purpose: 'withdrawal', label: '书面撤回申请扫描件' },
    dto: StaffWithdrawDto,
    input: (f) => ({ ...version(f), reason: text(f, 'reason', 1000) }),
    run: (s, c, id, b) => s.conclusion.withdrawForApplicant(c, id, b),
  }),
  move({
    slug: 'terminate',
    submit: '终止处理',
    secondary: true,
    fields: () => [
      {
        name: 'code',
        kind: 'select',
        label: '终止原因',
        options: TERMINATION_CODES.map((value) => ({ value, label: DISPOSITION_INFO[value].label })),
      },
      { name: 'reason', kind: 'textarea', label: '说明', optional: true },
    ],
    dto: TerminateDto,
    input: (f) => ({ ...version(f), code: text(f, 'code', 40), reason: trimmed(f, 'reason', 1000) }),
    run: (s, c, id, b) => s.conclusion.terminate(c, id, b),
  }),
  move({
    slug: 'return',
    intro: '不属于本部门办理的，退回分办。',
    submit: '退回',
    secondary: true,
    fields: () => [reasonField('退回原因')],
    dto: ReturnDto,
    input: (f) => ({ ...version(f), reason: text(f, 'reason', 500) }),
    run: (s, c, id, b) => s.assignment.return(c, id, b.reason, b.version),
  }),
];

export const REMEDY_RESULT_LABELS: Record<(typeof REMEDY_RESULTS)[number], string> = {
  upheld: '维持',
  corrected: '纠错',
  other: '其他结果',
};

/** The heading of a move's form. */
export function moveLabel(m: PageMove): string {
  return m.label ?? (TRANSITIONS as Record<string, { label: string }>)[m.slug]?.label ?? m.slug;
}

/** Who may make the move, and in which states. */
export function moveRule(m: PageMove): { from: readonly RequestState[]; by: Permission | 'applicant' } {
  const rule = (
    TRANSITIONS as Record<string, { from: readonly RequestState[]; by: Permission | 'applicant' }>
  )[m.slug];
  return { from: m.from ?? rule.from, by: m.by ?? rule.by };
}
