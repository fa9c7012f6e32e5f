import { CreateClockOverride1795420800000 } from './1795420800000-CreateClockOverride';
import { CreateCalendarAndRequests1795424400000 } from './1795424400000-CreateCalendarAndRequests';
import { CreateAgenciesIdentityAndIntake1795428000000 } from './1795428000000-CreateAgenciesIdentityAndIntake';
import { HandlingLettersArchiveAndOutbox1795431600000 } from './1795431600000-HandlingLettersArchiveAndOutbox';
import { AnnualReportLedgerAndRemedies1795435200000 } from './1795435200000-AnnualReportLedgerAndRemedies';
import { PortalPages1795438800000 } from './1795438800000-PortalPages';
import { SecondFactor1795442400000 } from './1795442400000-SecondFactor';
import { LedgerJobsAndNarratives1795446000000 } from './1795446000000-LedgerJobsAndNarratives';
import { RequestAnalysis1795449600000 } from './1795449600000-RequestAnalysis';
import { LearningFromRequests1795453200000 } from './1795453200000-LearningFromRequests';
import { CaseLibraryAndJointConsultations1795456800000 } from './1795456800000-CaseLibraryAndJointConsultations';
import { AuditSequencer1795460400000 } from './1795460400000-AuditSequencer';
import { PendingLetters1795464000000 } from './1795464000000-PendingLetters';
import { FileStore1795467600000 } from './1795467600000-FileStore';
import { LateNumbering1795471200000 } from './1795471200000-LateNumbering';
import { ThrottleWithoutNames1795474800000 } from './1795474800000-ThrottleWithoutNames';
import { CitizenLoginEncrypted1795478400000 } from './1795478400000-CitizenLoginEncrypted';
import { PersonalDataRetention1795482000000 } from './1795482000000-PersonalDataRetention';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [
  CreateClockOverride1795420800000,
  CreateCalendarAndRequests1795424400000,
  CreateAgenciesIdentityAndIntake1795428000000,
  HandlingLettersArchiveAndOutbox1795431600000,
  AnnualReportLedgerAndRemedies1795435200000,
  PortalPages1795438800000,
  SecondFactor1795442400000,
  LedgerJobsAndNarratives1795446000000,
  RequestAnalysis1795449600000,
  LearningFromRequests1795453200000,
  CaseLibraryAndJointConsultations1795456800000,
  AuditSequencer1795460400000,
  PendingLetters1795464000000,
  FileStore1795467600000,
  LateNumbering1795471200000,
  ThrottleWithoutNames1795474800000,
  CitizenLoginEncrypted1795478400000,
  PersonalDataRetention1795482000000,
];
