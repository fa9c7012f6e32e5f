import { Module } from '@nestjs/common';
import { AuditModule, ClockModule, CryptoModule } from '../platform';
import { LetterTemplateService } from './letter-template.service';
import { LetterService } from './letter.service';

/** Issuing, previewing and listing letters, and the agencies' template slots. */
@Module({
  imports: [AuditModule, ClockModule, CryptoModule],
  providers: [LetterService, LetterTemplateService],
  exports: [LetterService, LetterTemplateService],
})
export class LettersModule {}
