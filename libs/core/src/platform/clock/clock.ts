import { IsoDate, shanghaiDateOf } from '@gongkai/domain';

/**
 * The one source of "now" for the whole system. Nothing else may read the wall clock, so tests
 * and demos can move time (see ClockModule and the testing clock route).
 */
export abstract class Clock {
  abstract now(): Date;

  /** Today's legal date in Asia/Shanghai (docs/domain-rules.md rule C4). */
  today(): IsoDate {
    return shanghaiDateOf(this.now());
  }
}

export type ClockOverride = { mode: 'offset'; offsetMs: number } | { mode: 'frozen'; at: Date };

/** The system clock, optionally shifted or frozen by an override shared through the database. */
export class AdjustableClock extends Clock {
  private override: ClockOverride | null = null;

  constructor(private readonly systemNow: () => number = Date.now) {
    super();
  }

  now(): Date {
    const o = this.override;
    if (o === null) {
      return new Date(this.systemNow());
    }
    return o.mode === 'frozen' ? new Date(o.at.getTime()) : new Date(this.systemNow() + o.offsetMs);
  }

  apply(override: ClockOverride | null): void {
    this.override = override;
  }

  current(): ClockOverride | null {
    return this.override;
  }

  /** The override that makes now() answer `at` from this moment on (ticking, or frozen). */
  overrideFor(at: Date, freeze: boolean): ClockOverride {
    return freeze ? { mode: 'frozen', at } : { mode: 'offset', offsetMs: at.getTime() - this.systemNow() };
  }
}
