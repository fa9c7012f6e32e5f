import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, StaffCaller, parseYearPipe } from '@gongkai/core/platform';
import type { Caller, StaffPrincipal } from '@gongkai/core/platform';
import { CalendarAdminService } from '@gongkai/core/deadlines/calendar-publishing';
import { CreateRegionDto, PublishYearDto } from './calendar-admin.dto';

const yearPipe = parseYearPipe();

/** Administrators publish and correct the official schedules (national and regional). */
@ApiTags('calendar administration')
@ApiBearerAuth()
@Controller('api/console/calendars')
export class CalendarAdminController {
  constructor(private readonly admin: CalendarAdminService) {}

  @Get()
  @Access('staff')
  @ApiOperation({ summary: 'Every calendar region with its published years (notice, who, when, revision)' })
  list() {
    return this.admin.overview();
  }

  @Post('regions')
  @Access('calendar.manage')
  @ApiOperation({ summary: 'Create a regional calendar that inherits the national one' })
  async createRegion(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Body() body: CreateRegionDto,
    @Actor() actor: string,
  ) {
    await this.admin.assertMayManage(c.principal, null);
    const r = await this.admin.createRegion(body.code, body.name, actor);
    return { code: r.code, name: r.name };
  }

  @Put(':region/:year')
  @Access('calendar.manage')
  @ApiOperation({
    summary: "Publish or correct a region's schedule for a year; recomputes every open request's deadline",
  })
  async publish(
    @StaffCaller() c: Caller<StaffPrincipal>,
    @Param('region') region: string,
    @Param('year', yearPipe) year: number,
    @Body() body: PublishYearDto,
    @Actor() actor: string,
  ) {
    await this.admin.assertMayManage(c.principal, region);
    return this.admin.publishYear({ region, year, noticeRef: body.noticeRef, days: body.days }, actor);
  }

  @Get(':region/:year/history')
  @Access('staff')
  @ApiOperation({ summary: 'Who published or corrected this schedule, when, and what changed' })
  history(@Param('region') region: string, @Param('year', yearPipe) year: number) {
    return this.admin.history(region, year);
  }
}
