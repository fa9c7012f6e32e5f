import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsObject,
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  APPLICANT_TYPES,
  DELIVERY_CHANNELS,
  FORMS_OF_PROVISION,
  ID_DOCUMENT_TYPES,
  INTAKE_CHANNELS,
  MAX_ATTACHMENTS_PER_APPLICATION,
} from '@gongkai/domain';
import type {
  ApplicantType,
  DeliveryChannel,
  FormOfProvision,
  IdDocumentType,
  IntakeChannel,
} from '@gongkai/domain';
import { IsLegalDate } from '../../platform';

export class ApplicantDto {
  @ApiProperty({ description: '姓名或组织名称', example: '张三' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ enum: ID_DOCUMENT_TYPES })
  @IsOptional()
  @IsIn(ID_DOCUMENT_TYPES)
  idType?: IdDocumentType;

  @ApiPropertyOptional({ description: '身份证件号码（居民身份证按 GB 11643 校验）' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  idNumber?: string;

  @ApiPropertyOptional({ description: '统一社会信用代码（组织必填，按 GB 32100 校验）' })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  creditCode?: string;

  @ApiPropertyOptional({ description: '联系人（组织必填）' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  contactPerson?: string;
}

export class AgentDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ enum: ID_DOCUMENT_TYPES })
  @IsIn(ID_DOCUMENT_TYPES)
  idType!: IdDocumentType;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  idNumber!: string;

  @ApiProperty()
  @IsString()
  @Matches(/^[0-9+\-\s]{5,20}$/, { message: '电话号码格式有误' })
  phone!: string;

  @ApiPropertyOptional({ description: '授权委托书（先上传附件）' })
  @IsOptional()
  @IsUUID()
  powerOfAttorneyAttachmentId?: string;
}

export class ItemDto {
  @ApiProperty({ description: '所需信息的名称、内容描述', example: '2025 年本区老旧小区改造项目清单' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description!: string;

  @ApiPropertyOptional({ description: '文号（如知道）' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  documentNumber?: string;
}

/** An application's content (Art. 29), the same online and on paper. */
export class ApplicationDto {
  @ApiProperty({ description: '受理机关' })
  @IsUUID()
  agencyId!: string;

  @ApiProperty({ enum: APPLICANT_TYPES })
  @IsIn(APPLICANT_TYPES)
  applicantType!: ApplicantType;

  @ApiProperty({ type: ApplicantDto })
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiProperty({ example: '13812345678' })
  @IsString()
  @Matches(/^[0-9+\-\s]{5,20}$/, { message: '电话号码格式有误' })
  phone!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: '电子邮箱格式有误' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{6}$/, { message: '邮政编码应为 6 位数字' })
  postalCode?: string;

  @ApiPropertyOptional({ type: AgentDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgentDto)
  agent?: AgentDto;

  @ApiProperty({ type: [ItemDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: '每一项必须是一个对象' })
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items!: ItemDto[];

  @ApiProperty({ enum: FORMS_OF_PROVISION })
  @IsIn(FORMS_OF_PROVISION)
  formOfProvision!: FormOfProvision;

  @ApiProperty({ enum: DELIVERY_CHANNELS })
  @IsIn(DELIVERY_CHANNELS)
  deliveryChannel!: DeliveryChannel;

  @ApiPropertyOptional({ type: [String], description: '已上传附件的标识' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS_PER_APPLICATION)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attachmentIds?: string[];

  @ApiPropertyOptional({ description: '无法按所选形式提供时，同意以其他适当形式提供（条例第四十条）' })
  @IsOptional()
  @IsBoolean()
  acceptOtherForms?: boolean;

  @ApiPropertyOptional({ description: '申请人阅读并确认的个人信息处理告知的版本' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  privacyNoticeVersion?: string;
}

/** A paper (or e-mail, fax…) application registered by a clerk, with its true receipt date. */
export class RegistrationDto extends ApplicationDto {
  @ApiProperty({ enum: INTAKE_CHANNELS })
  @IsIn(INTAKE_CHANNELS)
  channel!: IntakeChannel;

  @ApiProperty({ description: '收到申请之日（第三十一条），不得晚于今天', example: '2026-11-17' })
  @IsLegalDate()
  receivedOn!: string;

  @ApiPropertyOptional({ description: '平信到达日期（收到之日为与申请人确认之日）' })
  @IsOptional()
  @IsLegalDate()
  arrivedOn?: string;

  @ApiPropertyOptional({
    description: '拆分：每组为一件申请（填事项序号，从 0 起），须覆盖全部事项',
    example: [[0], [1, 2]],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsArray({ each: true })
  groups?: number[][];
}
