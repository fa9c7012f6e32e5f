import { ValidationOptions, registerDecorator } from 'class-validator';
import { isIsoDate } from '@gongkai/domain';

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export function IsLegalDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isLegalDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '必须是有效的日期，格式为 YYYY-MM-DD', ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isIsoDate(v) },
    });
  };
}

/** Text that says something: not empty and not only spaces (a reason, an opinion). */
export function HasText(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'hasText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '不能为空，也不能只有空格', ...options },
      validator: {
        validate: (v: unknown) => v === undefined || (typeof v === 'string' && v.trim().length > 0),
      },
    });
  };
}
