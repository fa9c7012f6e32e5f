import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import { REMEDY_KINDS, REMEDY_RESULTS, TABLE3_COLUMNS } from '@gongkai/domain';
import type { RemedyKind, RemedyResult, Table3Column } from '@gongkai/domain';
import { EXPORT_FORMATS } from '@gongkai/core/reports';
import { IsLegalDate, HasText } from '@gongkai/core/platform';
import type { ExportFormat } from '@gongkai/core/reports';

export class ReportQueryDto {
  @ApiProperty()
  @IsUUID()
  agencyId!: string;

  @ApiProperty({ example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(2019)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ enum: ['agency', 'subtree'], default: 'subtree' })
  @IsOptional()
  @IsIn(['agency', 'subtree'])
  scope?: 'agency' | 'subtree';
}

export class CellQueryDto extends ReportQueryDto {
  @ApiProperty({
    description: '行：new、carried_over、处理结果代码、total、carried_forward（2019 版另有 other）',
  })
  @IsString()
  @MaxLength(60)
  row!: string;

  @ApiProperty({ enum: TABLE3_COLUMNS })
  @IsIn(TABLE3_COLUMNS)
  column!: Table3Column;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}

export class ExportQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

/** The body of publish (and unlock): the same agency, year and scope as the queries. */
export class PublishDto extends ReportQueryDto {}

export class UnlockDto extends PublishDto {
  @ApiProperty({ description: '解锁理由（记入审计日志）' })
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  @HasText()
  reason!: string;
}

export class RemedyCaseDto {
  @ApiProperty({ enum: REMEDY_KINDS })
  @IsIn(REMEDY_KINDS)
  kind!: RemedyKind;

  @ApiProperty({ description: '立案日期' })
  @IsLegalDate()
  filedOn!: string;

  @ApiProperty({ description: '复议机关或人民法院' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  body!: string;

  @ApiPropertyOptional({ enum: REMEDY_RESULTS })
  @IsOptional()
  @IsIn(REMEDY_RESULTS)
  result?: RemedyResult;

  @ApiPropertyOptional({ description: '审结日期' })
  @IsOptional()
  @IsLegalDate()
  concludedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RemedyCaseUpdateDto {
  @ApiPropertyOptional({ enum: REMEDY_RESULTS })
  @IsOptional()
  @IsIn(REMEDY_RESULTS)
  result?: RemedyResult;

  @ApiPropertyOptional()
  @IsOptional()
  @IsLegalDate()
  concludedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiProperty()
  @IsInt()
  version!: number;
}

export class LedgerImportDto {
  @ApiProperty()
  @IsUUID()
  agencyId!: string;

  @ApiPropertyOptional({ description: 'true：只校验，不导入' })
  @IsOptional()
  // Multipart fields are text: 'true' and 'false' are read as booleans, anything else is refused.
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}
