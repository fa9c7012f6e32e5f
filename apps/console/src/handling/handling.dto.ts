import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DELIVERY_CHANNELS, FEE_BASES, REPLY_CODES, TERMINATION_CODES } from '@gongkai/domain';
import type { DeliveryChannel, FeeBasis, ReplyCode, TerminationCode } from '@gongkai/domain';
import { IsLegalDate, VersionDto, HasText } from '@gongkai/core/platform';
import { CorrectionDto } from '@gongkai/core/handling';
import { CONSULTATION_ANSWERS, CONSULTATION_PARTIES, JOINT_PARTICIPANT_KINDS } from '@gongkai/core/handling';
import type { JointParticipantKind } from '@gongkai/core/handling';
import type { ConsultationAnswer, ConsultationParty } from '@gongkai/core/handling';

export class CorrectionNoticeDto extends VersionDto {
  @ApiProperty({ type: [String], description: '需要补正的全部事项（一次性告知）' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(2, { each: true })
  @MaxLength(500, { each: true })
  defects!: string[];

  @ApiPropertyOptional({ description: '补正期限（工作日），默认 15', default: 15 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  periodWorkingDays?: number;
}

export class ReceiveCorrectionDto extends CorrectionDto {
  @ApiProperty({ description: '收到补正材料之日（YYYY-MM-DD）' })
  @IsLegalDate()
  receivedOn!: string;
}

export class OpenConsultationDto extends VersionDto {
  @ApiProperty({ enum: CONSULTATION_PARTIES })
  @IsIn(CONSULTATION_PARTIES)
  party!: ConsultationParty;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  partyName!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  partyAddress?: string;

  @ApiProperty({ description: '征求意见的内容' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  subject!: string;
}

export class ConsultationAnswerDto extends VersionDto {
  @ApiProperty()
  @IsUUID()
  consultationId!: string;

  @ApiProperty({ enum: CONSULTATION_ANSWERS })
  @IsIn(CONSULTATION_ANSWERS)
  answer!: ConsultationAnswer;

  @ApiPropertyOptional({ description: '不同意公开的理由' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reasons?: string;

  @ApiProperty()
  @IsLegalDate()
  answeredOn!: string;
}

export class NotifyThirdPartyDto extends VersionDto {
  @ApiProperty()
  @IsUUID()
  consultationId!: string;

  @ApiProperty({ description: '决定公开的内容' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  disclosure!: string;

  @ApiProperty({ description: '决定公开的理由（公共利益）' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reasons!: string;
}

export class AssistanceDto extends VersionDto {
  @ApiProperty()
  @IsUUID()
  agencyId!: string;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  question!: string;
}

export class ExtensionDto extends VersionDto {
  @ApiProperty({ minimum: 1, maximum: 20 })
  @IsInt()
  @Min(1)
  @Max(20)
  workingDays!: number;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  @HasText()
  reason!: string;
}

export class AskReasonsDto extends VersionDto {
  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  question!: string;
}

export class Art35DecisionDto extends VersionDto {
  @ApiProperty({ enum: ['set_deadline', 'refuse'] })
  @IsIn(['set_deadline', 'refuse'])
  decision!: 'set_deadline' | 'refuse';

  @ApiPropertyOptional()
  @IsOptional()
  @IsLegalDate()
  deadline?: string;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  @HasText()
  reason!: string;
}

export class FeeNoticeDto extends VersionDto {
  @ApiProperty({ enum: FEE_BASES })
  @IsIn(FEE_BASES)
  basis!: FeeBasis;

  @ApiPropertyOptional({ description: '按量计收的页数' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  pages?: number;
}

export class FeeQuoteQueryDto {
  @ApiProperty({ enum: FEE_BASES })
  @IsIn(FEE_BASES)
  basis!: FeeBasis;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  pages?: number;
}

export class PaymentDto extends VersionDto {
  @ApiProperty()
  @IsLegalDate()
  paidOn!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  receiptNumber!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class TerminateDto extends VersionDto {
  @ApiProperty({ enum: TERMINATION_CODES })
  @IsIn(TERMINATION_CODES)
  code!: TerminationCode;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @HasText()
  reason?: string;
}

export class StaffWithdrawDto extends VersionDto {
  @ApiProperty({ description: '申请人撤回的方式和原因' })
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  @HasText()
  reason!: string;

  @ApiProperty({ type: [String], description: '申请人的书面撤回申请（先以 purpose=withdrawal 上传）' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsUUID('all', { each: true })
  attachmentIds!: string[];
}

export class DraftItemDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  position!: number;

  @ApiProperty({ enum: REPLY_CODES })
  @IsIn(REPLY_CODES)
  outcome!: ReplyCode;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(3000)
  reasons?: string;

  @ApiPropertyOptional({ description: '法律依据（默认为该结果的条款）' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  legalBasis?: string;

  @ApiPropertyOptional({ description: '不属于本机关负责公开（条例第三十六条第五项）' })
  @IsOptional()
  @IsBoolean()
  notResponsible?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  responsibleAgency?: string;

  @ApiPropertyOptional({ description: '提供的信息或获取方式' })
  @IsOptional()
  @IsString()
  @MaxLength(3000)
  provision?: string;

  @ApiPropertyOptional({ description: '重复申请：此前已答复的同一申请人的申请编号（条例第三十六条第六项）' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  earlierRequest?: string;
}

export class DraftReplyDto extends VersionDto {
  @ApiProperty({ type: [DraftItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DraftItemDto)
  items!: DraftItemDto[];

  @ApiPropertyOptional({ enum: REPLY_CODES, description: '改变按规则得出的处理结果（须说明理由）' })
  @IsOptional()
  @IsIn(REPLY_CODES)
  code?: ReplyCode;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @HasText()
  overrideReason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(3000)
  summary?: string;

  @ApiPropertyOptional({ description: '敏感申请（须法制审核）' })
  @IsOptional()
  @IsBoolean()
  sensitive?: boolean;

  @ApiPropertyOptional({ description: '申请内容的主题（如“城乡建设”），用于年度报告', example: '城乡建设' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(50)
  topic?: string;

  @ApiPropertyOptional({ description: '申请人曾就本机关申请行政复议或提起诉讼' })
  @IsOptional()
  @IsBoolean()
  priorRemedy?: boolean;
}

export class OpinionDto extends VersionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(3000)
  @HasText()
  opinion?: string;
}

export class RequiredOpinionDto extends VersionDto {
  @ApiProperty({ description: '退回意见' })
  @IsString()
  @MinLength(2)
  @MaxLength(3000)
  @HasText()
  opinion!: string;
}

export class ServiceDto extends VersionDto {
  @ApiProperty({ enum: DELIVERY_CHANNELS })
  @IsIn(DELIVERY_CHANNELS)
  channel!: DeliveryChannel;

  @ApiProperty({ description: '送达日期（邮寄为签收日期）' })
  @IsLegalDate()
  servedOn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  trackingNumber?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  signedBy?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  proofAttachmentIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class TemplateSlotsDto {
  @ApiProperty({ description: '可编辑内容，如 { "contact": "…" }' })
  @IsObject()
  slots!: Record<string, string>;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  @HasText()
  reason!: string;
}

export class JointParticipantDto {
  @ApiProperty({ enum: JOINT_PARTICIPANT_KINDS, description: '业务部门、法制机构、领导或其他' })
  @IsIn(JOINT_PARTICIPANT_KINDS)
  kind!: JointParticipantKind;

  @ApiProperty({ description: '部门或人员' })
  @HasText()
  @MaxLength(100)
  name!: string;
}

export class ConveneJointDto extends VersionDto {
  @ApiProperty({ description: '会商事项' })
  @HasText()
  @MinLength(2)
  @MaxLength(500)
  topic!: string;

  @ApiProperty({ example: '2026-12-03', description: '会商日期（可以是今后的日期）' })
  @IsLegalDate()
  meetingOn!: string;

  @ApiPropertyOptional({ example: '2026-12-08', description: '结论期限，默认会商日期后 3 个工作日' })
  @IsOptional()
  @IsLegalDate()
  concludeBy?: string;

  @ApiProperty({ type: [JointParticipantDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => JointParticipantDto)
  participants!: JointParticipantDto[];
}

export class JointOpinionDto extends VersionDto {
  @ApiProperty()
  @IsUUID()
  jointConsultationId!: string;

  @ApiProperty({ minimum: 0, maximum: 29, description: '参加方在名单中的序号（从 0 起）' })
  @IsInt()
  @Min(0)
  @Max(29)
  participant!: number;

  @ApiProperty()
  @HasText()
  @MinLength(2)
  @MaxLength(5000)
  opinion!: string;
}

export class ConcludeJointDto extends VersionDto {
  @ApiProperty()
  @IsUUID()
  jointConsultationId!: string;

  @ApiProperty({ description: '会商结论' })
  @HasText()
  @MinLength(4)
  @MaxLength(10000)
  conclusion!: string;
}
