import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../../deadlines';
import { AuditModule, ClockModule } from '../../platform';
import { RequestsModule } from '..';
import { AssignmentService } from './assignment.service';
import { RequestActionRunner } from './request-action.runner';

/** Moves of a request through its states (one runner), and assignment. */
@Module({
  imports: [RequestsModule, DeadlinesModule, AuditModule, ClockModule],
  providers: [RequestActionRunner, AssignmentService],
  exports: [RequestActionRunner, AssignmentService],
})
export class RequestMovesModule {}
