export { SystemAlertEntity } from './system-alert.entity';
export { SystemAlertRepository } from './system-alert.repository';
export { AlertsModule } from './alerts.module';
