import { Module } from '@nestjs/common';
import { SystemAlertRepository } from './system-alert.repository';
import { WorkerHeartbeats } from './worker-heartbeat';

/** System alerts for administrators, and the worker's heartbeats. */
@Module({
  providers: [SystemAlertRepository, WorkerHeartbeats],
  exports: [SystemAlertRepository, WorkerHeartbeats],
})
export class AlertsModule {}
