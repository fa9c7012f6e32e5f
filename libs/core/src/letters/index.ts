export { sendDocument, sendLetter } from './letter-download';
export { LETTER_KINDS, isLetterKind } from './letter-kinds';
export { chineseDate } from './letter-renderer';
export { LetterTemplateService } from './letter-template.service';
export { DocumentCounterEntity, LetterEntity, LetterTemplateEntity } from './letter.entities';
export { LetterService, replyLetterKind } from './letter.service';
export { LettersModule } from './letters.module';
export { NOT_RESPONSIBLE_WORDING, OUTCOME_WORDING } from './outcome-wording';
export { DocumentFormatDto } from './document-format.dto';
