import { ParseIntPipe } from '@nestjs/common';
import { invalidInput } from '@gongkai/domain';

/** A `:year` path parameter: an integer, else a field-level VALIDATION.FAILED on `year`. */
export const parseYearPipe = (): ParseIntPipe =>
  new ParseIntPipe({ exceptionFactory: () => invalidInput('year', 'isInt', '必须是四位数的年份') });
