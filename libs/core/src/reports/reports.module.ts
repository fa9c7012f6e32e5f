import { Module } from '@nestjs/common';
import { AuditModule, ClockModule, CryptoModule } from '../platform';
import { CaseLibraryService } from './case-library/case-library.service';
import { RequestRecordModule } from '../request-record';
import { AnalysisService } from './analysis/analysis.service';
import { DisclosureService } from './disclosure/disclosure.service';
import { LedgerImportService } from './ledger/ledger-import.service';
import { PublicationService } from './publication/publication.service';
import { RemedyCaseService } from './remedies/remedy-case.service';
import { ReportService } from './table3/report.service';

const SERVICES = [
  ReportService,
  PublicationService,
  RemedyCaseService,
  LedgerImportService,
  AnalysisService,
  DisclosureService,
  CaseLibraryService,
];

/** The annual report: Table 3 and 4, checks, drill-down, exports, publication, ledger import. */
@Module({
  imports: [RequestRecordModule, AuditModule, ClockModule, CryptoModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class ReportsModule {}
