import { Module } from '@nestjs/common';
import { LettersModule } from '../letters';
import { AuditModule, StorageModule } from '../platform';
import { RequestRecordModule } from '../request-record';
import { RequestMovesModule } from '../requests/moves';
import { CaseFileService } from './case-file.service';

/** The case file: sealed at archiving, verified on demand. */
@Module({
  imports: [RequestRecordModule, RequestMovesModule, AuditModule, LettersModule, StorageModule],
  providers: [CaseFileService],
  exports: [CaseFileService],
})
export class ArchiveModule {}
