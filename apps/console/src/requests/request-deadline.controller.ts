import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Clock, StaffCaller, uuidPipe } from '@gongkai/core/platform';
import { RequestAccessService } from '@gongkai/core/request-record';
import { RequestClockService } from '@gongkai/core/deadlines';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';

/** "Why this date": the reply deadline of a request with every segment and its legal basis. */
@ApiTags('requests')
@Controller('api/console/requests')
export class RequestDeadlineController {
  constructor(
    private readonly clocks: RequestClockService,
    private readonly clock: Clock,
    private readonly access: RequestAccessService,
  ) {}

  @Get(':id/deadline')
  @Access('request.read')
  @ApiOperation({ summary: 'The clocks of a request and why the due date is what it is' })
  async deadline(@StaffCaller() caller: Caller<StaffPrincipal>, @Param('id', uuidPipe()) id: string) {
    await this.access.forStaff(caller, id);
    const today = this.clock.today();
    const { request, clock, history, status } = await this.clocks.clockOf(id, today);
    return {
      requestId: request.id,
      calendarRegion: request.calendarRegion,
      today,
      overdue: status.overdue,
      workingDaysLeft: status.workingDaysLeft,
      deadlineWords: status.words,
      ...clock,
      recomputations: history.map((e) => ({ on: e.onDate, at: e.at, actor: e.actor, ...e.data })),
    };
  }
}
