import { Module } from '@nestjs/common';
import { AuditModule, ClockModule } from '../platform';
import { AgencyService } from './agency.service';

/** The agency tree and each agency's disclosure-office settings. */
@Module({ imports: [AuditModule, ClockModule], providers: [AgencyService], exports: [AgencyService] })
export class AgenciesModule {}
