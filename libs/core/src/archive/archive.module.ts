import { Module } from '@nestjs/common';
import { RequestsModule } from '../requests';
import { RequestMovesModule } from '../requests/moves';
import { CaseFileService } from './case-file.service';

/** The case file: sealed at archiving, verified on demand. */
@Module({
  imports: [RequestsModule, RequestMovesModule],
  providers: [CaseFileService],
  exports: [CaseFileService],
})
export class ArchiveModule {}
