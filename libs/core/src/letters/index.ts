export { sendDocument, sendLetter } from './letter-download';
export { LETTER_KINDS, LETTER_KIND_INFO, isLetterKind } from './letter-kinds';
export type { LetterKind } from './letter-kinds';
export { chineseDate } from './letter-renderer';
export { LetterTemplateService, SLOT_LABELS } from './letter-template.service';
export type { TemplateView } from './letter-template.service';
export {
  DocumentCounterEntity,
  LetterEntity,
  LetterTemplateEntity,
  PendingLetterEntity,
} from './letter.entities';
export { LetterService, replyLetterKind } from './letter.service';
export { LettersModule } from './letters.module';
export { NOT_RESPONSIBLE_WORDING, OUTCOME_WORDING } from './outcome-wording';
export { DocumentFormatDto } from './document-format.dto';
