import { DomainError } from '@gongkai/domain';

/** The same answer whether the request does not exist or the caller may not see it. */
export function requestNotFound(id: string): DomainError {
  return new DomainError('REQUEST.NOT_FOUND', 'not_found', '申请不存在或无权查看。', { id });
}
