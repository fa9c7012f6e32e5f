import { Module } from '@nestjs/common';
import { AttachmentService } from '../attachments/attachment.service';
import { CalendarModule } from '../calendar/calendar.module';
import { LettersModule } from '../letters/letters.module';
import { AssignmentService } from './assignment.service';
import { IntakeService } from './intake.service';
import { RequestAccessService } from './request-access.service';
import { RequestActionRunner } from './request-action.runner';
import { RequestQueryService } from './request-query.service';

/** Intake, access, assignment and worklists; needs IdentityModule (audit, cipher) in the app. */
@Module({
  imports: [CalendarModule, LettersModule],
  providers: [
    IntakeService,
    AttachmentService,
    RequestAccessService,
    RequestQueryService,
    RequestActionRunner,
    AssignmentService,
  ],
  exports: [
    IntakeService,
    AttachmentService,
    RequestAccessService,
    RequestQueryService,
    RequestActionRunner,
    AssignmentService,
    LettersModule,
  ],
})
export class RequestsModule {}
