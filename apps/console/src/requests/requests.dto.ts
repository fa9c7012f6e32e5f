import { VersionDto, HasText, IsLegalDate } from '@gongkai/core/platform';
import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { REQUEST_STATES } from '@gongkai/domain';
import type { RequestState } from '@gongkai/domain';
import { WORKLIST_QUEUES, WORKLIST_SORTS } from '@gongkai/domain';
import type { WorklistQueue, WorklistSort } from '@gongkai/domain';
import { REVEALABLE_FIELDS } from '@gongkai/core/requests/queries';
import type { RevealableField } from '@gongkai/core/requests/queries';

export class WorklistQueryDto {
  @ApiPropertyOptional({ enum: WORKLIST_QUEUES, default: 'all' })
  @IsOptional()
  @IsIn(WORKLIST_QUEUES)
  queue?: WorklistQueue;

  @ApiPropertyOptional({ description: '状态，逗号分隔', example: 'registered,in_progress' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsIn(REQUEST_STATES, { each: true })
  state?: RequestState[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ enum: ['agency', 'subtree'], default: 'subtree' })
  @IsOptional()
  @IsIn(['agency', 'subtree'])
  scope?: 'agency' | 'subtree';

  @ApiPropertyOptional({ description: 'due_soon：N 个工作日内到期', default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(40)
  withinDays?: number;

  @ApiPropertyOptional({ description: '按申请编号或申请人名称查找' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: '收到日期起（含）' })
  @IsOptional()
  @IsLegalDate()
  receivedFrom?: string;

  @ApiPropertyOptional({ description: '收到日期止（含）' })
  @IsOptional()
  @IsLegalDate()
  receivedTo?: string;

  @ApiPropertyOptional({ description: '法定期限起（含）' })
  @IsOptional()
  @IsLegalDate()
  dueFrom?: string;

  @ApiPropertyOptional({ description: '法定期限止（含）' })
  @IsOptional()
  @IsLegalDate()
  dueTo?: string;

  @ApiPropertyOptional({ description: '只看逾期后才办结的申请' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true')
  @IsBoolean()
  late?: boolean;

  @ApiPropertyOptional({ enum: WORKLIST_SORTS, default: 'deadline' })
  @IsOptional()
  @IsIn(WORKLIST_SORTS)
  sort?: WorklistSort;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class SummaryQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(40)
  withinDays?: number;
}

export class AssignDto extends VersionDto {
  @ApiPropertyOptional({ description: '承办部门（受理机关本级或其下属）' })
  @IsOptional()
  @IsUUID()
  handlingAgencyId?: string;

  @ApiPropertyOptional({ description: '承办人（不填则分到部门待认领）' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class TransferDto extends AssignDto {
  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  @HasText()
  reason!: string;
}

export class ReturnDto extends VersionDto {
  @ApiProperty({ description: '退回理由' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  @HasText()
  reason!: string;
}

export class RevealDto {
  @ApiProperty({ enum: REVEALABLE_FIELDS })
  @IsIn(REVEALABLE_FIELDS)
  field!: RevealableField;

  @ApiProperty({ description: '查看理由（记入审计日志）' })
  @IsString()
  @MaxLength(200)
  @HasText()
  reason!: string;
}
