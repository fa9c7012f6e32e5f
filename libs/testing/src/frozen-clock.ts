import { Clock } from '@gongkai/core/platform';

/** A clock that moves only when a test moves it. */
export class FrozenClock extends Clock {
  private at: number;

  constructor(at: string | Date = '2026-03-02T09:00:00+08:00') {
    super();
    this.at = new Date(at).getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  set(at: string | Date): void {
    this.at = new Date(at).getTime();
  }

  advance(by: { days?: number; hours?: number; minutes?: number; ms?: number }): void {
    this.at +=
      (by.days ?? 0) * 86_400_000 + (by.hours ?? 0) * 3_600_000 + (by.minutes ?? 0) * 60_000 + (by.ms ?? 0);
  }
}
