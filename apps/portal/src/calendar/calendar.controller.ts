import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, parseYearPipe } from '@gongkai/core/platform';
import { CalendarService, NATIONAL } from '@gongkai/core/calendar';
import { DayInfo } from '@gongkai/domain';
import { DeadlineQueryDto, RegionQueryDto } from './calendar.dto';

/** The official working-day calendar, public so citizens can check their own deadlines. */
@ApiTags('calendar')
@Access('public')
@Controller('api/calendar')
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Get('deadline')
  @ApiOperation({ summary: 'from + N working days (the start day not counted), with provisional flag' })
  async deadline(@Query() q: DeadlineQueryDto) {
    const region = q.region ?? NATIONAL;
    const cal = await this.calendars.calendarFor(region);
    return { from: q.from, workingDays: q.workingDays, region, ...cal.deadline(q.from, q.workingDays) };
  }

  @Get(':year')
  @ApiOperation({
    summary: 'Every day of a year: working or not, and why (workday, weekend, holiday, makeup_workday)',
  })
  async year(
    @Param('year', parseYearPipe())
    year: number,
    @Query() q: RegionQueryDto,
  ): Promise<{
    year: number;
    region: string;
    provisional: boolean;
    noticeRef: string | null;
    days: DayInfo[];
  }> {
    const region = q.region ?? NATIONAL;
    const cal = await this.calendars.calendarFor(region);
    const days = cal.year(year);
    return {
      year,
      region,
      provisional: !cal.isYearPublished(year),
      noticeRef: cal.noticeRefs.get(year) ?? null,
      days,
    };
  }
}
