export { SystemAlertEntity } from './system-alert.entity';
