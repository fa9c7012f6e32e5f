export { SystemAlertEntity } from './system-alert.entity';
export { SystemAlertRepository } from './system-alert.repository';
export { WORKER_INSTANCE, WORKER_JOBS, WorkerHeartbeatEntity, WorkerHeartbeats } from './worker-heartbeat';
export type { WorkerJob } from './worker-heartbeat';
export { AlertsModule } from './alerts.module';
