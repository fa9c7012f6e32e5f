import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { Access, IsLegalDate, StaffCaller } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { DisclosureService } from '@gongkai/core/reports';

export class DisclosureListQueryDto {
  @ApiProperty({ description: '机关（含所属部门）' })
  @IsUUID()
  agencyId!: string;
}

export class CandidateQueryDto {
  @ApiProperty({ description: '机关（含所属部门）' })
  @IsUUID()
  agencyId!: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsLegalDate()
  from!: string;

  @ApiProperty({ example: '2026-06-30' })
  @IsLegalDate()
  to!: string;
}

export class MarkDisclosureDto extends CandidateQueryDto {
  @ApiProperty({ description: '该组申请的标识（候选列表中的 key）' })
  @IsString()
  @MaxLength(100)
  key!: string;

  @ApiProperty({ description: '主动公开信息的标题' })
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ description: '主动公开信息的网址' })
  @IsString()
  @MaxLength(500)
  url!: string;

  @ApiProperty({ example: '2026-03-01', description: '公开日期' })
  @IsString()
  @MaxLength(10)
  publishedOn!: string;
}

/** 转主动公开 as JSON: groups of requests asking the same, and marking one as published proactively. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/console/disclosure')
export class DisclosureController {
  constructor(private readonly disclosure: DisclosureService) {}

  @Get('candidates')
  @Access('report.read')
  @ApiOperation({
    summary: 'Groups of five or more requests (two or more applicants) asking for the same information',
  })
  candidates(@StaffCaller() c: Caller<StaffPrincipal>, @Query() q: CandidateQueryDto) {
    return this.disclosure.candidates(c, q);
  }

  @Post()
  @Access('report.publish')
  @ApiOperation({ summary: 'Mark a group as published proactively: title, URL and date (audited)' })
  mark(@StaffCaller() c: Caller<StaffPrincipal>, @Body() b: MarkDisclosureDto) {
    return this.disclosure.mark(c, b);
  }

  @Get()
  @Access('report.read')
  @ApiOperation({ summary: 'The proactive disclosures recorded in a subtree, newest first' })
  list(@StaffCaller() c: Caller<StaffPrincipal>, @Query() q: DisclosureListQueryDto) {
    return this.disclosure.published(c, q.agencyId);
  }
}
