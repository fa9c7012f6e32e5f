import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError, validationFailed } from '@gongkai/domain';

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

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Paths of keys that could pollute prototypes, anywhere in a parsed body. */
export function forbiddenKeyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') {
    return [];
  }
  return Object.keys(value).flatMap((key) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return FORBIDDEN_KEYS.has(key)
      ? [path]
      : forbiddenKeyPaths((value as Record<string, unknown>)[key], path);
  });
}

/** ValidationPipe that first refuses `__proto__`, `constructor` and `prototype` keys in bodies. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const paths = metadata.type === 'body' ? forbiddenKeyPaths(value) : [];
    if (paths.length === 0) {
      return super.transform(value, metadata);
    }
    // Report the forbidden keys together with every other problem of the body.
    const others = await super.transform(value, metadata).then(
      () => [] as FieldError[],
      (err: unknown) => (err instanceof DomainError && Array.isArray(err.details) ? err.details : []),
    );
    throw validationFailed([
      ...paths.map((field) => ({ field, code: 'forbiddenKey', message: '不允许的字段' })),
      ...others,
    ]);
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
