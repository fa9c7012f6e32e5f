import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, StaffCaller, uuidPipe } from '@gongkai/core/platform';
import { DisclosureService } from '@gongkai/core/reports';
import { AssignmentService } from '@gongkai/core/requests/moves';
import { IntakeService, RegistrationDto } from '@gongkai/core/requests/intake';
import { RequestHintsService, RequestQueryService, WorklistService } from '@gongkai/core/requests/queries';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import {
  AssignDto,
  ReturnDto,
  RevealDto,
  SummaryQueryDto,
  TransferDto,
  WorklistQueryDto,
} from './requests.dto';
import { VersionDto } from '@gongkai/core/platform';

/** Registration, worklists, details and assignment of requests (each move: POST …/{id}/{action}). */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('api/console/requests')
export class RequestsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly queries: RequestQueryService,
    private readonly worklists: WorklistService,
    private readonly assignment: AssignmentService,
    private readonly hintsService: RequestHintsService,
    private readonly disclosure: DisclosureService,
  ) {}

  @Post()
  @Access('request.register')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({
    summary: 'Register a paper, e-mail, fax or in-person application with its true receipt date',
  })
  async register(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Body() body: RegistrationDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { results, replayed } = await this.intake.register(caller, body, key);
    if (replayed) {
      res.setHeader('Idempotent-Replayed', 'true');
    }
    return { requests: results };
  }

  @Get()
  @Access('request.read')
  @ApiOperation({
    summary: 'Worklists: all, mine, unassigned, due_soon, overdue, correction_due; sorted, paged',
  })
  list(@StaffCaller() caller: Caller<StaffPrincipal>, @Query() q: WorklistQueryDto) {
    return this.worklists.worklist(caller, {
      queue: q.queue ?? 'all',
      states: q.state,
      agencyId: q.agencyId,
      scope: q.scope ?? 'subtree',
      withinDays: q.withinDays ?? 5,
      q: q.q,
      receivedFrom: q.receivedFrom,
      receivedTo: q.receivedTo,
      dueFrom: q.dueFrom,
      dueTo: q.dueTo,
      late: q.late,
      sort: q.sort ?? 'deadline',
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 20,
    });
  }

  @Get('summary')
  @Access('request.read')
  @ApiOperation({ summary: 'Supervisor view (督办): counts per agency of a subtree' })
  summary(@StaffCaller() caller: Caller<StaffPrincipal>, @Query() q: SummaryQueryDto) {
    return this.worklists.summary(caller, q.agencyId, q.withinDays ?? 5);
  }

  @Get(':id')
  @Access('request.read')
  detail(@StaffCaller() caller: Caller<StaffPrincipal>, @Param('id', uuidPipe()) id: string) {
    return this.queries.detailForStaff(caller, id);
  }

  @Get(':id/hints')
  @Access('request.read')
  @ApiOperation({
    summary:
      "What to know before answering: the same applicant's earlier concluded requests asking for the same information (a likely repeat), whether their requests reach the agency's Art. 35 threshold, and the proactive disclosures it matches",
  })
  async hints(@StaffCaller() caller: Caller<StaffPrincipal>, @Param('id', uuidPipe()) id: string) {
    const hints = await this.hintsService.hintsForStaff(caller, id);
    return { ...hints, published: await this.disclosure.matchesFor(id) };
  }

  @Post(':id/reveal')
  @HttpCode(200)
  @Access('personal_data.reveal')
  @ApiOperation({ summary: 'Show one masked personal-data value in full, with a reason (audited)' })
  reveal(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: RevealDto,
  ) {
    return this.queries.reveal(caller, id, body.field, body.reason);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Access('request.assign')
  @ApiOperation({ summary: 'registered → in_progress (to a handler) or stays registered (to a department)' })
  assign(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: AssignDto,
  ) {
    return this.assignment.assign(caller, id, body);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Access('request.claim')
  @ApiOperation({ summary: 'registered → in_progress, assigned to you' })
  claim(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: VersionDto,
  ) {
    return this.assignment.claim(caller, id, body.version);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Access('request.read')
  @ApiOperation({ summary: 'in_progress → registered, back to the office that filed it, with a reason' })
  giveBack(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ReturnDto,
  ) {
    return this.assignment.return(caller, id, body.reason, body.version);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @Access('request.assign')
  @ApiOperation({ summary: 'in_progress → in_progress with another handler or department' })
  transfer(
    @StaffCaller() caller: Caller<StaffPrincipal>,
    @Param('id', uuidPipe()) id: string,
    @Body() body: TransferDto,
  ) {
    return this.assignment.transfer(caller, id, body);
  }
}
