import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock, RequestClockService } from '@gongkai/core';
import { invalidInput } from '@gongkai/domain';

/** "Why this date": the reply deadline of a request with every segment and its legal basis. */
@ApiTags('requests')
@Controller('api/console/requests')
export class RequestDeadlineController {
  constructor(
    private readonly clocks: RequestClockService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/deadline')
  @ApiOperation({ summary: 'The clocks of a request and why the due date is what it is' })
  async deadline(
    @Param(
      'id',
      new ParseUUIDPipe({ exceptionFactory: () => invalidInput('id', 'isUuid', '必须是有效的标识符') }),
    )
    id: string,
  ) {
    const { request, clock, history } = await this.clocks.clockOf(id);
    const today = this.clock.today();
    return {
      requestId: request.id,
      calendarRegion: request.calendarRegion,
      today,
      overdue: clock.reply.due !== null && today > clock.reply.due,
      ...clock,
      recomputations: history.map((e) => ({ on: e.onDate, at: e.at, actor: e.actor, ...e.data })),
    };
  }
}
