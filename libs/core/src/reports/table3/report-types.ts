import type { Table3Check, Table3Column, Table3Format, Table3Row, Table4 } from '@gongkai/domain';
import type { AgencyEntity } from '../../agencies';

export type ReportScope = 'agency' | 'subtree';

export interface ReportQuery {
  agencyId: string;
  year: number;
  scope: ReportScope;
}

/** The agencies a report covers, as a SQL condition on `agency a` (joined to the facts). */
export interface ReportCoverage {
  agency: AgencyEntity;
  scope: ReportScope;
  sql: string;
  param: string;
}

export interface Table3Report {
  agencyId: string;
  agencyName: string;
  year: number;
  scope: ReportScope;
  format: Table3Format;
  source: string;
  columns: readonly Table3Column[];
  rows: Table3Row[];
  checks: (Table3Check & { requests?: CellRequest[] })[];
  ok: boolean;
  /** Whether 二 was compared with last year's published 四 (P6), and which publication. */
  lastYear: { published: boolean; snapshotId: string | null };
}

export interface CellRequest {
  id: string;
  number: string;
  agencyName: string;
  applicantType: string;
  receivedOn: string;
  concludedOn: string | null;
  disposition: string | null;
  imported: boolean;
}

/** The published carried-forward cell: its values and the requests behind it (for 二(Y+1) = 四(Y)). */
export interface PublishedContent {
  table3: Table3Report;
  table4: Table4;
  narrative: string;
  carriedForwardIds: string[];
}
