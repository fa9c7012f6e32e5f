import { HttpStatus } from '@nestjs/common';
import { ErrorKind } from '@gongkai/domain';

/** The one mapping of domain error kinds to HTTP statuses (exhaustive: a new kind fails to compile). */
export function statusOf(kind: ErrorKind): HttpStatus {
  switch (kind) {
    case 'invalid_input':
      return HttpStatus.BAD_REQUEST;
    case 'unauthenticated':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'rule_violation':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'internal':
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

/** Codes and Chinese messages for errors raised by the framework rather than by our code. */
export function httpErrorOf(status: number): { code: string; message: string } {
  switch (status) {
    case 400:
      return { code: 'HTTP.BAD_REQUEST', message: '请求格式有误。' };
    case 401:
      return { code: 'AUTH.UNAUTHENTICATED', message: '请先登录。' };
    case 403:
      return { code: 'AUTH.FORBIDDEN', message: '没有执行此操作的权限。' };
    case 404:
      return { code: 'HTTP.NOT_FOUND', message: '请求的资源不存在。' };
    case 405:
      return { code: 'HTTP.METHOD_NOT_ALLOWED', message: '不支持该请求方法。' };
    case 413:
      return { code: 'HTTP.PAYLOAD_TOO_LARGE', message: '提交的内容过大。' };
    case 415:
      return { code: 'HTTP.UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型。' };
    case 429:
      return { code: 'HTTP.TOO_MANY_REQUESTS', message: '请求过于频繁，请稍后再试。' };
    default:
      return status >= 500
        ? { code: 'INTERNAL.ERROR', message: '系统内部错误，请稍后再试或联系管理员。' }
        : { code: `HTTP.${status}`, message: '请求无法处理。' };
  }
}
