import type { FieldError } from '@gongkai/domain';

/** How deep a JSON body may nest (the deepest DTO is four levels). */
export const MAX_INPUT_DEPTH = 32;
/** No number the system takes exceeds a PostgreSQL integer. */
export const MAX_INPUT_INTEGER = 2_147_483_647;
/** At most this many values are looked at in one input (a body of 1 MB holds fewer). */
const MAX_NODES = 100_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// C0 controls other than tab, line feed and carriage return; PostgreSQL refuses U+0000 in text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Problems of any input at the edge, before it reaches a rule or the database: keys that could
 * pollute prototypes, nesting too deep, control characters or broken Unicode in text, numbers out of
 * range. Iterative, so no input can exhaust the stack.
 */
export function inputProblems(value: unknown, prefix = ''): FieldError[] {
  const problems: FieldError[] = [];
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: prefix, depth: 0 }];
  let seen = 0;
  while (stack.length > 0 && problems.length < 20) {
    const { v, path, depth } = stack.pop()!;
    if (++seen > MAX_NODES) {
      problems.push({ field: prefix || 'body', code: 'input.tooLarge', message: '内容过多' });
      break;
    }
    if (typeof v === 'string') {
      if (CONTROL.test(v)) {
        problems.push({ field: path, code: 'text.controlCharacter', message: '不能包含控制字符' });
      } else if (LONE_SURROGATE.test(v)) {
        problems.push({ field: path, code: 'text.invalidUnicode', message: '包含无效的字符' });
      }
      continue;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Math.abs(v) > MAX_INPUT_INTEGER) {
        problems.push({ field: path, code: 'number.outOfRange', message: '数值超出允许的范围' });
      }
      continue;
    }
    if (v === null || typeof v !== 'object' || v instanceof Date || Buffer.isBuffer(v)) {
      continue;
    }
    if (depth >= MAX_INPUT_DEPTH) {
      problems.push({ field: path, code: 'input.tooDeep', message: '内容嵌套层级过深' });
      continue;
    }
    for (const key of Object.keys(v)) {
      const child = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ field: child, code: 'forbiddenKey', message: '不允许的字段' });
        continue;
      }
      if (CONTROL.test(key) || LONE_SURROGATE.test(key)) {
        problems.push({ field: path || 'body', code: 'text.controlCharacter', message: '字段名无效' });
        continue;
      }
      stack.push({ v: (v as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return problems;
}
