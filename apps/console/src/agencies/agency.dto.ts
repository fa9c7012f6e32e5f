import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AGENCY_KINDS, RETENTION_CLASSES } from '@gongkai/core/agencies';
import type { AgencyKind, RetentionClass } from '@gongkai/core/agencies';

export class LegalReviewRulesDto {
  @ApiProperty({ example: ['disclose.partial', 'withhold.*'] })
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(/^[a-z_]+\.(\*|[a-z_]+)$/, { each: true, message: '处理结果代码格式有误' })
  codes!: string[];

  @ApiProperty()
  @IsBoolean()
  thirdPartyObjection!: boolean;

  @ApiProperty()
  @IsBoolean()
  sensitive!: boolean;

  @ApiProperty()
  @IsBoolean()
  priorRemedy!: boolean;

  @ApiProperty({ minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  timeLimitWorkingDays!: number;
}

/** The disclosure-office settings; every field optional on update. */
export class AgencySettingsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ description: '用于申请编号和文书编号的简称' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  shortName?: string;

  @ApiPropertyOptional({ description: '文书版头' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  letterHeader?: string;

  @ApiPropertyOptional({ description: '印章文字' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  sealText?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((o: AgencySettingsDto) => o.postalCode !== '')
  @Matches(/^\d{6}$/, { message: '邮政编码应为 6 位数字' })
  postalCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ description: '办公时间，如 工作日 9:00—12:00、13:30—17:00' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  officeHours?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((o: AgencySettingsDto) => o.email !== '')
  @IsEmail({}, { message: '电子邮箱格式有误' })
  email?: string;

  @ApiPropertyOptional({ description: '救济告知中的复议机关' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reconsiderationBody?: string;

  @ApiPropertyOptional({ description: '救济告知中的管辖法院' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  court?: string;

  @ApiPropertyOptional({ example: '{agencyShort}依申〔{year}〕{seq:4}号' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  numberPattern?: string;

  @ApiPropertyOptional({ type: LegalReviewRulesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegalReviewRulesDto)
  legalReview?: LegalReviewRulesDto;

  @ApiPropertyOptional({ enum: RETENTION_CLASSES })
  @IsOptional()
  @IsIn(RETENTION_CLASSES)
  retentionClass?: RetentionClass;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  calendarRegion?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  acceptsApplications?: boolean;

  @ApiPropertyOptional({
    description: '同一申请人在下列天数内的申请达到此件数时，提示承办人可要求说明理由（第三十五条）',
    minimum: 2,
    maximum: 1000,
  })
  @IsOptional()
  @IsInt({ message: '请填写整数' })
  @Min(2, { message: '至少为 2 件' })
  @Max(1000, { message: '不超过 1000 件' })
  excessiveCount?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 366 })
  @IsOptional()
  @IsInt({ message: '请填写整数' })
  @Min(1, { message: '至少为 1 天' })
  @Max(366, { message: '不超过 366 天' })
  excessiveDays?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateAgencyDto extends AgencySettingsDto {
  @ApiPropertyOptional({ description: '上级机关（空则为新的一级政府）' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiProperty({ example: 'sfq-jyj' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,39}$/, { message: '机关代码为 2–40 位小写字母、数字或连字符' })
  code!: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  @IsIn(AGENCY_KINDS)
  kind!: AgencyKind;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  declare name: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  declare shortName: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  declare reconsiderationBody: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  declare court: string;
}

export class MoveAgencyDto {
  @ApiProperty({ description: '新的上级机关' })
  @IsUUID('all', { message: '请选择新的上级机关' })
  parentId!: string;
}
