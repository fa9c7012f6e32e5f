import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, StaffCaller, uuidPipe } from '@gongkai/core/platform';
import { AttachmentUpload, uploadedFile } from '@gongkai/core/attachments';
import {
  LedgerImportService,
  PublicationService,
  RemedyCaseService,
  ReportService,
  reportCsv,
  reportHtml,
  reportXlsx,
} from '@gongkai/core/reports';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import type { UploadedFileLike } from '@gongkai/core/attachments';
import { DomainError } from '@gongkai/domain';
import {
  CellQueryDto,
  ExportQueryDto,
  LedgerImportDto,
  PublishDto,
  RemedyCaseDto,
  RemedyCaseUpdateDto,
  ReportQueryDto,
  UnlockDto,
} from './reports.dto';

const query = (q: ReportQueryDto) => ({ agencyId: q.agencyId, year: q.year, scope: q.scope ?? 'subtree' });

/** The annual report (docs/domain-rules.md): Table 3 and 4, drill-down, exports, publication, ledger. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/console/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportService,
    private readonly publications: PublicationService,
    private readonly ledger: LedgerImportService,
  ) {}

  @Get('table3')
  @Access('report.read')
  @ApiOperation({ summary: 'Table 3 for an agency (or its subtree) and year, with the P6 checks' })
  table3(@StaffCaller() c: Caller<StaffPrincipal>, @Query() q: ReportQueryDto) {
    return this.reports.table3(c, query(q));
  }

  @Get('table3/cell')
  @Access('report.read')
  @ApiOperation({ summary: 'Drill-down (P7): the requests one cell of Table 3 counts' })
  async cell(@StaffCaller() c: Caller<StaffPrincipal>, @Query() q: CellQueryDto) {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const list = await this.reports.cell(c, { ...query(q), row: q.row, column: q.column, page, pageSize });
    return { row: q.row, column: q.column, page, pageSize, ...list };
  }

  @Get('table4')
  @Access('report.read')
  @ApiOperation({ summary: 'Table 4: reconsiderations and lawsuits filed in the year' })
  table4(@StaffCaller() c: Caller<StaffPrincipal>, @Query() q: ReportQueryDto) {
    return this.reports.table4(c, query(q));
  }

  @Get('annual')
  @Access('report.read')
  @ApiOperation({
    summary: 'Table 3, Table 4 and the section 三 narrative, as JSON, CSV, HTML (official layout) or XLSX',
  })
  async annual(@StaffCaller() c: Caller<StaffPrincipal>, @Query() q: ExportQueryDto, @Res() res: Response) {
    const report = await this.reports.annual(c, query(q));
    const format = q.format ?? 'json';
    const name = `${report.table3.agencyName}${q.year}年表三表四`;
    const ascii = `annual-report-${q.year}`;
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const attach = (ext: string) =>
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`,
      );
    switch (format) {
      case 'json':
        res.json({ table3: report.table3, table4: report.table4, narrative: report.narrative });
        return;
      case 'csv':
        attach('csv');
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.end(reportCsv(report));
        return;
      case 'html':
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.setHeader(
          'Content-Security-Policy',
          "default-src 'none'; style-src 'unsafe-inline'; sandbox allow-modals",
        );
        res.end(reportHtml(report));
        return;
      case 'xlsx':
        attach('xlsx');
        res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.end(await reportXlsx(report));
        return;
    }
  }

  @Post('publish')
  @HttpCode(201)
  @Access('report.publish')
  @ApiOperation({
    summary: 'Publish a year (P8): store a snapshot and lock the year; refused if a check fails',
  })
  publish(@StaffCaller() c: Caller<StaffPrincipal>, @Body() b: PublishDto) {
    return this.publications.publish(c, query(b));
  }

  @Get('published')
  @Access('report.read')
  @ApiOperation({ summary: 'The newest publication of a year, and whether it still locks the year' })
  published(@StaffCaller() c: Caller<StaffPrincipal>, @Query() q: ReportQueryDto) {
    return this.publications.latest(c, query(q));
  }

  @Post('unlock')
  @HttpCode(200)
  @Access('report.unlock')
  @ApiOperation({ summary: 'Unlock a published year, with a reason (audited)' })
  unlock(@StaffCaller() c: Caller<StaffPrincipal>, @Body() b: UnlockDto) {
    return this.publications.unlock(c, { ...query(b), reason: b.reason });
  }

  @Post('ledger-imports')
  @HttpCode(201)
  @Access('ledger.import')
  @AttachmentUpload()
  @ApiOperation({
    summary: 'Import earlier concluded requests from a ledger (XLSX or CSV), checked row by row',
  })
  importLedger(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @UploadedFile() file: UploadedFileLike | undefined,
    @Body() b: LedgerImportDto,
  ) {
    const upload = uploadedFile(file);
    if (!upload) {
      throw new DomainError('LEDGER.FILE_REQUIRED', 'invalid_input', '请上传台账文件。', [
        { field: 'file', code: 'file.required', message: '请上传台账文件' },
      ]);
    }
    return this.ledger.import(c, b.agencyId, upload, b.dryRun ?? false);
  }
}

/** Reconsiderations and lawsuits recorded against a request (Table 4). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/console/requests/:id/remedy-cases')
export class RemedyCasesController {
  constructor(private readonly cases: RemedyCaseService) {}

  @Get()
  @Access('request.read')
  @ApiOperation({ summary: 'The reconsiderations and lawsuits against this request' })
  list(@StaffCaller() c: Caller<StaffPrincipal>, @Param('id', uuidPipe()) id: string) {
    return this.cases.list(c, id);
  }

  @Post()
  @HttpCode(201)
  @Access('remedy.record')
  @ApiOperation({ summary: 'Record a reconsideration or lawsuit against this request' })
  record(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() b: RemedyCaseDto,
  ) {
    return this.cases.record(c, id, b);
  }

  @Put(':caseId')
  @Access('remedy.record')
  @ApiOperation({ summary: 'Record its result and conclusion date (version-checked)' })
  update(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Param('caseId', uuidPipe('caseId')) caseId: string,
    @Body() b: RemedyCaseUpdateDto,
  ) {
    return this.cases.update(c, id, caseId, b);
  }
}
