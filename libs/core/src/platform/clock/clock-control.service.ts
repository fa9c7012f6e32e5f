import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AdjustableClock } from './clock';
import { ClockOverrideEntity } from './clock-override.entity';
import { CLOCK_CHANNEL, ClockSyncService } from './clock-sync.service';

export interface ClockState {
  now: string;
  mode: 'system' | 'offset' | 'frozen';
}

/** Sets or resets the deployment-wide clock override (testing and demos; never in production). */
@Injectable()
export class ClockControlService {
  constructor(
    private readonly clock: AdjustableClock,
    private readonly sync: ClockSyncService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  state(): ClockState {
    const o = this.clock.current();
    return { now: this.clock.now().toISOString(), mode: o === null ? 'system' : o.mode };
  }

  async set(at: Date, freeze: boolean): Promise<ClockState> {
    const override = this.clock.overrideFor(at, freeze);
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(ClockOverrideEntity).save({
        id: 1,
        mode: override.mode,
        offsetMs: override.mode === 'offset' ? String(override.offsetMs) : null,
        frozenAt: override.mode === 'frozen' ? override.at : null,
        setAt: new Date(),
      });
      await em.query(`SELECT pg_notify($1, 'set')`, [CLOCK_CHANNEL]);
    });
    await this.sync.refresh();
    return this.state();
  }

  async reset(): Promise<ClockState> {
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(ClockOverrideEntity).delete({ id: 1 });
      await em.query(`SELECT pg_notify($1, 'reset')`, [CLOCK_CHANNEL]);
    });
    await this.sync.refresh();
    return this.state();
  }
}
