import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';

type Handler = (payload: string) => void;
const RETRY_MS = 5_000;

/**
 * One PostgreSQL connection per process that LISTENs for cross-process signals (clock moved,
 * calendar published) and calls the handlers subscribed to each channel. Reconnects on loss;
 * subscribers should also re-read their state now and then in case a signal was missed.
 */
@Injectable()
export class PgListener implements OnApplicationShutdown {
  private readonly logger = new Logger(PgListener.name);
  private readonly handlers = new Map<string, Handler[]>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private stopped = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async subscribe(channel: string, handler: Handler): Promise<void> {
    if (!/^[a-z_]+$/.test(channel)) {
      throw new Error(`invalid channel name ${channel}`);
    }
    const first = !this.handlers.has(channel);
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
    await this.connect();
    if (first && this.client) {
      await this.client.query(`LISTEN ${channel}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.client || this.stopped || !this.config.databaseUrl) {
      return Promise.resolve();
    }
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl });
    client.on('notification', (n) => this.handlers.get(n.channel)?.forEach((h) => h(n.payload ?? '')));
    client.on('error', (err) => {
      this.logger.warn(`listener lost its connection: ${err.message}`);
      this.client = null;
      setTimeout(() => void this.reconnect(), RETRY_MS).unref();
    });
    await client.connect();
    for (const channel of this.handlers.keys()) {
      await client.query(`LISTEN ${channel}`);
    }
    this.client = client;
  }

  private async reconnect(): Promise<void> {
    try {
      await this.connect();
      // Whatever was signalled while we were away: let every subscriber re-read.
      this.handlers.forEach((hs) => hs.forEach((h) => h('reconnected')));
    } catch {
      setTimeout(() => void this.reconnect(), RETRY_MS).unref();
    }
  }
}
