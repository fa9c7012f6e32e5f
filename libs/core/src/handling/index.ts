export { ConclusionService } from './conclusion/conclusion.service';
export {
  CONSULTATION_ANSWERS,
  CONSULTATION_PARTIES,
  ConsultationEntity,
} from './consultation/consultation.entity';
export type { ConsultationAnswer, ConsultationParty } from './consultation/consultation.entity';
export { ConsultationService } from './consultation/consultation.service';
export { CorrectionService } from './correction/correction.service';
export { FeeService } from './fees/fee.service';
export { HandlingModule } from './handling.module';
export { ReplyService, replyFacts } from './reply/reply.service';
export { ServiceRecordService } from './service/service-record.service';
export { SweepService } from './sweeps/sweep.service';
export type { SweepResult } from './sweeps/sweep.service';
export { TimeLimitService } from './time-limits/time-limit.service';
export { CorrectedItemDto, CorrectionDto } from './correction/correction.dto';
export { WithdrawDto } from './conclusion/withdraw.dto';
export { REMINDER_KINDS, SupervisionService } from './supervision/supervision.service';
export type { ReminderKind } from './supervision/supervision.service';
export {
  JOINT_PARTICIPANT_KINDS,
  JOINT_PARTICIPANT_LABELS,
  JointConsultationEntity,
} from './consultation/joint-consultation.entity';
export type { JointParticipant, JointParticipantKind } from './consultation/joint-consultation.entity';
export { JointConsultationService } from './consultation/joint-consultation.service';
export type {
  ConcludeJointInput,
  ConveneJointInput,
  JointOpinionInput,
  OpenJointConsultationRow,
} from './consultation/joint-consultation.service';
