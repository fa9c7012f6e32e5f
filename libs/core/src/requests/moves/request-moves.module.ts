import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../../deadlines';
import { AuditModule, ClockModule } from '../../platform';
import { RequestRecordModule } from '../../request-record';
import { AssignmentService } from './assignment.service';
import { RequestActionRunner } from './request-action.runner';

/** Moves of a request through its states (one runner), and assignment. */
@Module({
  imports: [RequestRecordModule, DeadlinesModule, AuditModule, ClockModule],
  providers: [RequestActionRunner, AssignmentService],
  exports: [RequestActionRunner, AssignmentService],
})
export class RequestMovesModule {}
