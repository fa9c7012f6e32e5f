import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { PgListener } from '../database/pg-listener.service';
import { AdjustableClock, ClockOverride } from './clock';
import { ClockOverrideEntity } from './clock-override.entity';

export const CLOCK_CHANNEL = 'gongkai_clock';
const POLL_MS = 5_000;

/**
 * Keeps this process's clock in step with the override stored in the database, so that moving
 * time from the console moves it for the portal and the worker too. Changes arrive at once by
 * LISTEN/NOTIFY; a slow poll covers a missed signal. Disabled in production.
 */
@Injectable()
export class ClockSyncService implements OnApplicationBootstrap, OnApplicationShutdown {
  private poll: NodeJS.Timeout | null = null;

  constructor(
    private readonly clock: AdjustableClock,
    private readonly listener: PgListener,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.clockControlEnabled) {
      return;
    }
    await this.refresh();
    await this.listener.subscribe(CLOCK_CHANNEL, () => void this.refresh().catch(() => undefined));
    this.poll = setInterval(() => void this.refresh().catch(() => undefined), POLL_MS);
    this.poll.unref();
  }

  onApplicationShutdown(): void {
    if (this.poll) {
      clearInterval(this.poll);
    }
  }

  async refresh(): Promise<void> {
    const row = await this.dataSource.getRepository(ClockOverrideEntity).findOneBy({ id: 1 });
    this.clock.apply(toOverride(row));
  }
}

export function toOverride(row: ClockOverrideEntity | null): ClockOverride | null {
  if (row === null) {
    return null;
  }
  if (row.mode === 'frozen' && row.frozenAt) {
    return { mode: 'frozen', at: row.frozenAt };
  }
  return { mode: 'offset', offsetMs: Number(row.offsetMs ?? 0) };
}
