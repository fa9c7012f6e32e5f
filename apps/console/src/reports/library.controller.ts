import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Access, HasText, StaffCaller, uuidPipe } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { CURATED_KINDS, CaseLibraryService, LIBRARY_KINDS } from '@gongkai/core/reports';
import type { CuratedKind, LibraryKind } from '@gongkai/core/reports';
import { RequestAccessService } from '@gongkai/core/request-record';

export class LibrarySearchQueryDto {
  @ApiPropertyOptional({ description: '检索词（中文分词检索）' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: LIBRARY_KINDS })
  @IsOptional()
  @IsIn(LIBRARY_KINDS)
  kind?: LibraryKind;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: '只看典型案例' })
  @IsOptional()
  @IsIn(['true', 'false'])
  typical?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  page?: number;
}

export class CuratedEntryDto {
  @ApiProperty({ enum: CURATED_KINDS, description: '政策文件、法律法规、规范性文件或标准文书' })
  @IsIn(CURATED_KINDS)
  kind!: CuratedKind;

  @ApiProperty()
  @HasText()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ description: '正文' })
  @HasText()
  @MaxLength(100_000)
  body!: string;

  @ApiPropertyOptional({ type: [String], description: '标签' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: '来源：文号、制发机关或网址' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;
}

export class TypicalDto {
  @ApiProperty({ description: '标记（true）或取消（false）典型案例' })
  @IsBoolean()
  typical!: boolean;

  @ApiPropertyOptional({ description: '评析（标记时必填，至少 10 个字）' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  commentary?: string;
}

/**
 * 案例库 as JSON: search (Chinese full text, ranked, the matching passage marked), entries, curated
 * entries, 典型案例 with commentary, and the past cases most like a request (办理参考).
 */
@ApiTags('library')
@ApiBearerAuth()
@Controller('api/console')
export class LibraryController {
  constructor(
    private readonly library: CaseLibraryService,
    private readonly access: RequestAccessService,
  ) {}

  @Get('library')
  @Access('request.read')
  @ApiOperation({
    summary:
      'Search the case library: reference cases (de-identified) and curated entries; each hit with the passage holding the query terms',
  })
  search(@StaffCaller() c: Caller<StaffPrincipal>, @Query() q: LibrarySearchQueryDto) {
    return this.library.search(c, { q: q.q, kind: q.kind, typicalOnly: q.typical === 'true', page: q.page });
  }

  @Get('library/:entryId')
  @Access('request.read')
  @ApiOperation({
    summary: 'One library entry: items, outcomes, reasons, legal bases, letter text, commentary',
  })
  entry(@StaffCaller() c: Caller<StaffPrincipal>, @Param('entryId', uuidPipe('entryId')) id: string) {
    return this.library.entry(c, id);
  }

  @Post('library')
  @Access('library.curate')
  @ApiOperation({
    summary: 'Add a curated entry: policy document, law, normative document or standard letter text',
  })
  add(@StaffCaller() c: Caller<StaffPrincipal>, @Body() b: CuratedEntryDto) {
    return this.library.add(c, b);
  }

  @Put('library/:entryId')
  @Access('library.curate')
  @ApiOperation({ summary: 'Change a curated entry (reference cases are made from requests and not edited)' })
  update(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('entryId', uuidPipe('entryId')) id: string,
    @Body() b: CuratedEntryDto,
  ) {
    return this.library.update(c, id, b);
  }

  @Post('library/:entryId/typical')
  @HttpCode(200)
  @Access('library.curate')
  @ApiOperation({ summary: '典型案例: mark (with a commentary) or unmark a reference case' })
  typical(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('entryId', uuidPipe('entryId')) id: string,
    @Body() b: TypicalDto,
  ) {
    return this.library.markTypical(c, id, b);
  }

  @Get('requests/:id/similar-cases')
  @Access('request.read')
  @ApiOperation({
    summary: '办理参考: the five past cases most like the request, with their outcomes and legal bases',
  })
  async similar(@StaffCaller() c: Caller<StaffPrincipal>, @Param('id', uuidPipe()) id: string) {
    await this.access.forStaff(c, id, 'request.read');
    return { cases: await this.library.similarTo(c, id) };
  }
}
