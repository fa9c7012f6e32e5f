import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, IsNull } from 'typeorm';
import { Access } from '@gongkai/core/platform';
import { SystemAlertEntity } from '@gongkai/core/alerts';

/** Warnings for administrators raised by the worker (e.g. next year's schedule not yet published). */
@ApiTags('administration')
@Controller('api/console/alerts')
export class AlertsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Access('calendar.manage')
  @ApiOperation({ summary: 'Open warnings for administrators' })
  list() {
    return this.dataSource
      .getRepository(SystemAlertEntity)
      .find({ where: { resolvedAt: IsNull() }, order: { id: 'ASC' } });
  }
}
