import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@gongkai/core/platform';
import { SystemAlertRepository } from '@gongkai/core/alerts';

/** Warnings for administrators raised by the worker (e.g. next year's schedule not yet published). */
@ApiTags('administration')
@Controller('api/console/alerts')
export class AlertsController {
  constructor(private readonly alerts: SystemAlertRepository) {}

  @Get()
  @Access('calendar.manage')
  @ApiOperation({ summary: 'Open warnings for administrators' })
  list() {
    return this.alerts.open();
  }
}
