import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, StaffCaller, uuidPipe } from '@gongkai/core/platform';
import {
  Art35DecisionDto,
  AskReasonsDto,
  AssistanceDto,
  ConsultationAnswerDto,
  ConcludeJointDto,
  ConveneJointDto,
  CorrectionNoticeDto,
  DraftReplyDto,
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
} from './handling.dto';
import { VersionDto } from '@gongkai/core/platform';
import {
  ConclusionService,
  ConsultationService,
  CorrectionService,
  FeeService,
  JointConsultationService,
  ReplyService,
  ServiceRecordService,
  TimeLimitService,
} from '@gongkai/core/handling';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';

/**
 * The handling moves (docs/domain-rules.md "Transitions"): each is `POST …/{id}/{action}`, checked against the
 * one transition table and the caller's permission at the request's agency, written with its event
 * in one transaction; a stale `version` answers 409 and a refused move changes nothing.
 */
@ApiTags('handling')
@ApiBearerAuth()
@Controller('api/console/requests/:id')
export class HandlingController {
  constructor(
    private readonly correction: CorrectionService,
    private readonly consultation: ConsultationService,
    private readonly timeLimits: TimeLimitService,
    private readonly fees: FeeService,
    private readonly conclusion: ConclusionService,
    private readonly reply: ReplyService,
    private readonly service: ServiceRecordService,
    private readonly joint: JointConsultationService,
  ) {}

  @Post('issue-correction-notice')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({
    summary: '补正告知 (Art. 30): every defect at once, a correction period; late after 7 WD is flagged',
  })
  issueCorrectionNotice(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: CorrectionNoticeDto,
  ) {
    return this.correction.issueNotice(c, id, b);
  }

  @Post('receive-correction')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({ summary: 'Record a correction received on paper with its date; the reply clock restarts' })
  receiveCorrection(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: ReceiveCorrectionDto,
  ) {
    return this.correction.receive(c, id, b);
  }

  @Post('open-consultation')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({
    summary: 'Consult a third party (Art. 32) or another agency (Art. 33 ¶2); pauses the clock',
  })
  openConsultation(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: OpenConsultationDto,
  ) {
    return this.consultation.open(c, id, b);
  }

  @Post('record-consultation-answer')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({ summary: 'Consent or objection (with reasons); the clock resumes' })
  recordConsultationAnswer(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: ConsultationAnswerDto,
  ) {
    return this.consultation.answer(c, id, b);
  }

  @Post('notify-third-party')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({ summary: 'Written notice to an objecting third party before disclosure (Art. 32)' })
  notifyThirdParty(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: NotifyThirdPartyDto,
  ) {
    return this.consultation.notifyThirdParty(c, id, b);
  }

  @Post('request-assistance')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({ summary: '协办函 to a department in the agency tree' })
  requestAssistance(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: AssistanceDto,
  ) {
    return this.consultation.requestAssistance(c, id, b);
  }

  @Post('convene-joint-consultation')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({
    summary:
      '会商: convene departments, the legal office and leaders on a difficult request (the clock runs on)',
  })
  conveneJoint(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: ConveneJointDto,
  ) {
    return this.joint.convene(c, id, b);
  }

  @Post('record-joint-opinion')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({ summary: "会商: record one participant's opinion" })
  recordJointOpinion(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: JointOpinionDto,
  ) {
    return this.joint.recordOpinion(c, id, b);
  }

  @Post('conclude-joint-consultation')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({
    summary: '会商: record the conclusion and issue the minutes (会商纪要) into the case file',
  })
  concludeJoint(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: ConcludeJointDto,
  ) {
    return this.joint.conclude(c, id, b);
  }

  @Post('request-extension')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({
    summary: 'Ask the office head for an extension (Art. 33 ¶2: once, ≤ 20 WD, before the deadline)',
  })
  requestExtension(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: ExtensionDto,
  ) {
    return this.timeLimits.requestExtension(c, id, b);
  }

  @Post('approve-extension')
  @HttpCode(200)
  @Access('request.approve')
  @ApiOperation({ summary: 'Office head approves; the applicant gets the extension notice' })
  approveExtension(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: VersionDto,
  ) {
    return this.timeLimits.approveExtension(c, id, b.version);
  }

  @Post('ask-reasons')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({ summary: 'Art. 35: ask the applicant to state reasons' })
  askReasons(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: AskReasonsDto,
  ) {
    return this.timeLimits.askReasons(c, id, b);
  }

  @Post('decide-art35')
  @HttpCode(200)
  @Access('request.approve')
  @ApiOperation({ summary: 'Art. 35: set a later deadline, or refuse (then reply not_processed.excessive)' })
  decideArt35(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: Art35DecisionDto,
  ) {
    return this.timeLimits.decideArt35(c, id, b);
  }

  @Post('issue-fee-notice')
  @HttpCode(200)
  @Access('request.approve')
  @ApiOperation({ summary: 'Fee notice (109号) per request or per volume; pauses the clock' })
  issueFeeNotice(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: FeeNoticeDto,
  ) {
    return this.fees.issueNotice(c, id, b);
  }

  @Post('record-payment')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({ summary: 'Record the payment; the clock resumes' })
  recordPayment(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: PaymentDto,
  ) {
    return this.fees.recordPayment(c, id, b);
  }

  @Post('terminate')
  @HttpCode(200)
  @Access('request.approve')
  @ApiOperation({
    summary: 'Terminate: other.no_correction / other.fee_unpaid (after the period) / other.other',
  })
  terminate(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: TerminateDto,
  ) {
    return this.conclusion.terminate(c, id, b);
  }

  @Post('withdraw')
  @HttpCode(200)
  @Access('request.approve')
  @ApiOperation({
    summary:
      "Office head records the applicant's written withdrawal (attached; other.other); refused in review and sign-off",
  })
  withdraw(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: StaffWithdrawDto,
  ) {
    return this.conclusion.withdrawForApplicant(c, id, b);
  }

  @Post('draft-reply')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({ summary: 'Draft the reply: item outcomes, the derived code (P3), reasons, legal basis' })
  draftReply(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: DraftReplyDto,
  ) {
    return this.reply.draft(c, id, b);
  }

  @Post('approve-review')
  @HttpCode(200)
  @Access('request.review')
  @ApiOperation({ summary: 'Legal review approves (reviewer ≠ drafter)' })
  approveReview(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: OpinionDto,
  ) {
    return this.reply.approveReview(c, id, b);
  }

  @Post('return-review')
  @HttpCode(200)
  @Access('request.review')
  @ApiOperation({ summary: 'Legal review returns the draft with written comments' })
  returnReview(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: RequiredOpinionDto,
  ) {
    return this.reply.returnReview(c, id, b);
  }

  @Post('sign-off')
  @HttpCode(200)
  @Access('request.sign')
  @ApiOperation({
    summary: 'Sign off: the reply letter is issued (numbered, rendered, hashed); the request concludes',
  })
  signOff(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: VersionDto,
  ) {
    return this.reply.signOff(c, id, b.version);
  }

  @Post('return-signoff')
  @HttpCode(200)
  @Access('request.sign')
  @ApiOperation({ summary: 'The signer returns the draft' })
  returnSignoff(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: RequiredOpinionDto,
  ) {
    return this.reply.returnSignoff(c, id, b);
  }

  @Post('record-service')
  @HttpCode(200)
  @Access('request.handle')
  @ApiOperation({
    summary: 'Record service (online, e-mail, post with tracking number, in person) with proof',
  })
  recordService(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: ServiceDto,
  ) {
    return this.service.record(c, id, b);
  }
}
