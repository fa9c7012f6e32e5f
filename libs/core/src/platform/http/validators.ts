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
