import { Module } from '@nestjs/common';
import { LettersModule } from '../letters';
import { AuditModule, ClockModule, CryptoModule, StorageModule } from '../platform';
import { RequestRecordModule } from '../request-record';
import { RequestMovesModule } from '../requests/moves';
import { CaseFileService } from './case-file.service';
import { RetentionService } from './retention.service';

/** The case file: sealed at archiving, verified on demand; personal data erased when its retention ends. */
@Module({
  imports: [
    RequestRecordModule,
    RequestMovesModule,
    AuditModule,
    LettersModule,
    StorageModule,
    ClockModule,
    CryptoModule,
  ],
  providers: [CaseFileService, RetentionService],
  exports: [CaseFileService, RetentionService],
})
export class ArchiveModule {}
