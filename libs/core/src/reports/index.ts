export {
  ANALYSIS_DIMS,
  AnalysisService,
  GROUP_LABELS,
  TIMELINESS_LABELS,
  yearEarlier,
} from './analysis/analysis.service';
export type { AnalysisDim, AnalysisQuery, AnalysisResult, AnalysisRow } from './analysis/analysis.service';
export { LedgerImportService } from './ledger/ledger-import.service';
export type { LedgerJobView, LedgerReport } from './ledger/ledger-import.service';
export { LEDGER_COLUMNS } from './ledger/ledger-rows';
export { PublicationService } from './publication/publication.service';
export { RemedyCaseService } from './remedies/remedy-case.service';
export {
  LedgerEntryEntity,
  LedgerImportEntity,
  LedgerJobEntity,
  ProactiveDisclosureEntity,
  RemedyCaseEntity,
  ReportLockEntity,
  ReportNarrativeEntity,
  ReportSnapshotEntity,
} from './report.entities';
export { DisclosureService } from './disclosure/disclosure.service';
export type { Candidate, CandidateQuery } from './disclosure/disclosure.service';
export { ReportsModule } from './reports.module';
export { EXPORT_FORMATS, reportCsv, reportHtml, reportXlsx } from './table3/report-export';
export type { AnnualReport, ExportFormat } from './table3/report-export';
export type { ReportChart } from './table3/report-charts';
export { svgChart } from './table3/report-charts';
export { ReportService } from './table3/report.service';
export { TABLE3_PLACEMENT_SQL, placementOf } from './table3/report-facts.repository';
export { LABEL_COLS, gridRows, table3Grid, table4Grid } from './table3/report-grid';
export type { Grid, GridCell } from './table3/report-grid';
export type { CellRequest, Table3Report } from './table3/report-types';
export { CaseLibraryService } from './case-library/case-library.service';
export type { CuratedInput, LibraryHit, LibrarySearch } from './case-library/case-library.service';
export {
  CURATED_KINDS,
  LIBRARY_KINDS,
  LIBRARY_KIND_LABELS,
  LibraryEntryEntity,
} from './case-library/case-library.entities';
export type { CuratedKind, LibraryKind } from './case-library/case-library.entities';
