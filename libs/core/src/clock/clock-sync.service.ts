import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { AdjustableClock, ClockOverride } from './clock';
import { ClockOverrideEntity } from './clock-override.entity';

export const CLOCK_CHANNEL = 'gongkai_clock';
const POLL_MS = 5_000;

/**
 * Keeps this process's clock in step with the override stored in the database, so that moving
 * time from the console moves it for the portal and the worker too. Changes arrive at once by
 * LISTEN/NOTIFY; a slow poll covers a dropped listening connection. Disabled in production.
 */
@Injectable()
export class ClockSyncService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ClockSyncService.name);
  private listener: Client | null = null;
  private poll: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly clock: AdjustableClock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.clockControlEnabled) {
      return;
    }
    await this.refresh();
    await this.listen();
    this.poll = setInterval(() => void this.refresh().catch(() => undefined), POLL_MS);
    this.poll.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.poll) {
      clearInterval(this.poll);
    }
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => undefined);
  }

  async refresh(): Promise<void> {
    const row = await this.dataSource.getRepository(ClockOverrideEntity).findOneBy({ id: 1 });
    this.clock.apply(toOverride(row));
  }

  private async listen(): Promise<void> {
    if (this.stopped || !this.config.databaseUrl) {
      return;
    }
    const client = new Client({ connectionString: this.config.databaseUrl });
    client.on('notification', () => void this.refresh().catch(() => undefined));
    client.on('error', (err) => {
      this.logger.warn(`clock listener lost its connection: ${err.message}`);
      this.listener = null;
      setTimeout(() => void this.listen().catch(() => undefined), POLL_MS).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CLOCK_CHANNEL}`);
    this.listener = client;
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
