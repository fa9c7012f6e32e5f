import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsOptional, Matches, ValidateIf } from 'class-validator';
import { invalidInput } from '@gongkai/domain';
import { Access } from '../access/access.decorator';
import { ClockControlService } from './clock-control.service';
import type { ClockState } from './clock-control.service';

export class SetClockDto {
  /** The instant the deployment should believe it is, ISO-8601 with an offset. */
  @ValidateIf((o: SetClockDto) => o.reset !== true)
  @Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: '必须是带时区的 ISO-8601 时间，例如 2026-03-02T09:00:00+08:00',
  })
  @IsISO8601(
    { strict: true, strictSeparator: true },
    { message: '必须是带时区的 ISO-8601 时间，例如 2026-03-02T09:00:00+08:00' },
  )
  now?: string;

  /** Freeze time at `now` instead of letting it run on from there. */
  @IsOptional()
  @IsBoolean({ message: '必须是 true 或 false' })
  freeze?: boolean;

  /** Return to the real time. */
  @IsOptional()
  @IsBoolean({ message: '必须是 true 或 false' })
  reset?: boolean;
}

/** Read-only view of this app's clock (every app, outside production). */
@ApiTags('testing')
// Testing only (never in production, see TestingClockModule); moving time needs no sign-in so
// scripts and the smoke test can drive demos.
@Access('public')
@Controller('api/testing/clock')
export class ClockReadController {
  constructor(private readonly control: ClockControlService) {}

  @Get()
  @ApiOperation({ summary: "This app's current time and clock mode (not in production)" })
  get(): ClockState {
    return this.control.state();
  }
}

/** Moves the time of the whole running deployment (console; only where CLOCK_CONTROL_ENABLED, never in production). */
@ApiTags('testing')
// Reading the clock needs no sign-in; moving it needs `calendar.manage` (see `set`).
@Access('public')
@Controller('api/console/testing/clock')
export class ClockControlController {
  constructor(private readonly control: ClockControlService) {}

  @Get()
  @ApiOperation({ summary: 'The deployment clock (not in production)' })
  get(): ClockState {
    return this.control.state();
  }

  @Put()
  @HttpCode(200)
  // Moving everyone's time is an administrator's act even where the route exists.
  @Access('calendar.manage')
  @ApiOperation({
    summary:
      'Set the time of portal, console and worker: { now } (ticking on), { now, freeze: true }, or { reset: true }',
  })
  async set(@Body() body: SetClockDto): Promise<ClockState> {
    if (body.reset === true) {
      return this.control.reset();
    }
    if (body.now === undefined) {
      throw invalidInput('now', 'required', '请提供 now 或 reset');
    }
    return this.control.set(new Date(body.now), body.freeze === true);
  }
}
