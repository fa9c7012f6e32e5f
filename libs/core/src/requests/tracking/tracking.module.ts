import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../../deadlines';
import { AuditModule, ClockModule, CryptoModule } from '../../platform';
import { RequestQueriesModule } from '../queries';
import { TrackingService } from './tracking.service';

/** Tracking a request without an account, by its number and 查询码. */
@Module({
  imports: [RequestQueriesModule, DeadlinesModule, AuditModule, ClockModule, CryptoModule],
  providers: [TrackingService],
  exports: [TrackingService],
})
export class TrackingModule {}
