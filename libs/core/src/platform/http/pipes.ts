import { ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { invalidInput } from '@gongkai/domain';

/** A `:year` path parameter: an integer, else a field-level VALIDATION.FAILED on `year`. */
export const parseYearPipe = (): ParseIntPipe =>
  new ParseIntPipe({ exceptionFactory: () => invalidInput('year', 'isInt', '必须是四位数的年份') });

/** A uuid path parameter: else a field-level VALIDATION.FAILED naming the parameter. */
export const uuidPipe = (field = 'id'): ParseUUIDPipe =>
  new ParseUUIDPipe({ exceptionFactory: () => invalidInput(field, 'isUuid', '必须是有效的标识符') });
