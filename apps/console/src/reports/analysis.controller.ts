import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { APPLICANT_TYPES, INTAKE_CHANNELS } from '@gongkai/domain';
import type { ApplicantType, IntakeChannel } from '@gongkai/domain';
import { Access, IsLegalDate, StaffCaller } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { ANALYSIS_DIMS, AnalysisService } from '@gongkai/core/reports';
import type { AnalysisDim } from '@gongkai/core/reports';

export class AnalysisQueryDto {
  @ApiProperty({ description: '机关（含所属部门）' })
  @IsUUID()
  agencyId!: string;

  @ApiProperty({ example: '2026-01-01', description: '收到日期从' })
  @IsLegalDate()
  from!: string;

  @ApiProperty({ example: '2026-06-30', description: '收到日期至' })
  @IsLegalDate()
  to!: string;

  @ApiPropertyOptional({ enum: APPLICANT_TYPES })
  @IsOptional()
  @IsIn(APPLICANT_TYPES)
  applicantType?: ApplicantType;

  @ApiPropertyOptional({ enum: INTAKE_CHANNELS })
  @IsOptional()
  @IsIn(INTAKE_CHANNELS)
  channel?: IntakeChannel;
}

export class AnalysisRequestsQueryDto extends AnalysisQueryDto {
  @ApiProperty({ enum: ANALYSIS_DIMS })
  @IsIn(ANALYSIS_DIMS)
  dim!: AnalysisDim;

  @ApiPropertyOptional({ description: '该维度的取值（空为“未标注/未办结”）' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  key?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

/** 多维度分析 as JSON: the figures of a subtree and period, and the requests behind any one of them. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/console/analysis')
export class AnalysisController {
  constructor(private readonly analysis: AnalysisService) {}

  @Get()
  @Access('report.read')
  @ApiOperation({
    summary:
      'Requests received in a period by an agency and its subtree, by month, unit, topic, applicant type, channel, outcome, timeliness, correction/extension/consultation and remedies, with the same period a year earlier',
  })
  analyse(@StaffCaller() c: Caller<StaffPrincipal>, @Query() q: AnalysisQueryDto) {
    return this.analysis.analyse(c, q);
  }

  @Get('requests')
  @Access('report.read')
  @ApiOperation({ summary: 'The requests behind one figure (dimension and key), paged' })
  requests(@StaffCaller() c: Caller<StaffPrincipal>, @Query() q: AnalysisRequestsQueryDto) {
    return this.analysis.requests(c, {
      ...q,
      key: q.key ?? '',
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 50,
    });
  }
}
