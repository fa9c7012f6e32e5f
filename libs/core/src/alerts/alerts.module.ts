import { Module } from '@nestjs/common';
import { SystemAlertRepository } from './system-alert.repository';

/** System alerts for administrators. */
@Module({ providers: [SystemAlertRepository], exports: [SystemAlertRepository] })
export class AlertsModule {}
