import { Module } from '@nestjs/common';
import { RequestsModule } from '../requests/requests.module';
import { LedgerImportService } from './ledger-import.service';
import { PublicationService } from './publication.service';
import { RemedyCaseService } from './remedy-case.service';
import { ReportService } from './report.service';

const SERVICES = [ReportService, PublicationService, RemedyCaseService, LedgerImportService];

/** The annual report: Table 3 and 4, checks, drill-down, exports, publication, ledger import. */
@Module({
  imports: [RequestsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class ReportsModule {}
