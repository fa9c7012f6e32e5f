import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError, validationFailed } from '@gongkai/domain';
import { inputProblems } from './input-scan';

/** Chinese messages for class-validator constraints used without a message of their own. */
const MESSAGES: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isDefined: '必填',
  isNotEmpty: '不能为空',
  isString: '必须是文本',
  isInt: '必须是整数',
  isBoolean: '必须是 true 或 false',
  isEnum: '不是允许的取值',
  isIn: '不是允许的取值',
  min: '数值过小',
  max: '数值过大',
  maxLength: '内容过长',
  minLength: '内容过短',
  isISO8601: '日期或时间格式有误',
  isUuid: '必须是有效的标识符',
  isArray: '必须是列表',
  arrayNotEmpty: '至少需要一项',
  isObject: '必须是对象',
  nestedValidation: '内容有误',
};

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [code, raw] of Object.entries(e.constraints ?? {})) {
      // class-validator's defaults are English sentences that name the property; ours are Chinese.
      const message = /[\u4e00-\u9fff]/.test(raw) ? raw : (MESSAGES[code] ?? '取值无效');
      out.push({ field, code, message });
    }
    out.push(...flattenValidationErrors(e.children ?? [], field));
  }
  return out;
}

/**
 * ValidationPipe that first looks at the raw input (inputProblems: prototype keys, depth, control
 * characters, broken Unicode, numbers out of range) and then at the transformed value's numbers
 * (`?page=99999999999999999999` becomes a number only here).
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const prefix = metadata.type === 'body' ? '' : (metadata.data ?? '');
    const raw = metadata.type === 'custom' ? [] : inputProblems(value, prefix);
    if (metadata.type === 'param' && typeof value === 'string' && /^-?\d{16,}$/.test(value)) {
      raw.push({ field: prefix, code: 'number.outOfRange', message: '数值超出允许的范围' });
    }
    if (raw.length > 0) {
      // Report them together with every other problem of the input, when it can be checked at all.
      const others = raw.some((p) => p.code === 'input.tooDeep' || p.code === 'input.tooLarge')
        ? []
        : await super.transform(value, metadata).then(
            () => [] as FieldError[],
            (err: unknown) => (err instanceof DomainError && Array.isArray(err.details) ? err.details : []),
          );
      throw validationFailed([...raw, ...others]);
    }
    const transformed: unknown = await super.transform(value, metadata);
    const numbers = inputProblems(transformed, prefix).filter((p) => p.code === 'number.outOfRange');
    if (numbers.length > 0) {
      throw validationFailed(numbers);
    }
    return transformed;
  }
}

/** The global pipe: whitelist, reject unknown fields, transform; field-level errors with stable codes. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
