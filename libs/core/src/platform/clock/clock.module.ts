import { Module } from '@nestjs/common';
import { DatabaseListenerModule } from '../database/database-listener.module';
import { AdjustableClock, Clock } from './clock';
import { ClockControlService } from './clock-control.service';
import { ClockSyncService } from './clock-sync.service';

/**
 * Provides `Clock`, the only "now" of the system. Tests replace it with a FrozenClock
 * (`overrideProvider(Clock)`); the synchronised AdjustableClock serves everywhere else.
 */
@Module({
  imports: [DatabaseListenerModule],
  providers: [
    { provide: AdjustableClock, useFactory: () => new AdjustableClock() },
    { provide: Clock, useExisting: AdjustableClock },
    ClockSyncService,
    ClockControlService,
  ],
  exports: [Clock, AdjustableClock, ClockControlService],
})
export class ClockModule {}
