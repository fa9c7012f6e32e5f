import { Global, Module } from '@nestjs/common';
import { AdjustableClock, Clock } from './clock';
import { ClockControlService } from './clock-control.service';
import { ClockSyncService } from './clock-sync.service';
import { PgListener } from '../notifications/pg-listener.service';

/**
 * Provides `Clock`, the only "now" of the system. Tests replace it with a FrozenClock
 * (`overrideProvider(Clock)`); the synchronised AdjustableClock serves everywhere else.
 */
@Global()
@Module({
  providers: [
    { provide: AdjustableClock, useFactory: () => new AdjustableClock() },
    { provide: Clock, useExisting: AdjustableClock },
    PgListener,
    ClockSyncService,
    ClockControlService,
  ],
  exports: [Clock, AdjustableClock, ClockControlService, PgListener],
})
export class ClockModule {}
