import { QueryFailedError } from 'typeorm';
import { loggableError } from '../errors/all-exceptions.filter';
import { loggableUrl } from './logging.module';

describe('what the logs keep', () => {
  it.each([
    ['/worklist?q=张三&page=2', '/worklist?q=…&page=…'],
    ['/api/console/requests?q=%E5%BC%A0%E4%B8%89', '/api/console/requests?q=…'],
    ['/requests/5f0c9a2e-3b7d-4c1e-9a8b-0d6e2f4a1c3b', '/requests/5f0c9a2e-3b7d-4c1e-9a8b-0d6e2f4a1c3b'],
    ['/track?number=1&number=2', '/track?number=…'],
  ])('should log %s as %s', (url, logged) => {
    expect(loggableUrl(url)).toBe(logged);
  });

  it('should log a database error without its parameters', () => {
    const e = new QueryFailedError(
      'INSERT INTO citizen (login) VALUES ($1)',
      ['13812345678'],
      new Error('duplicate key'),
    );
    const logged = JSON.stringify(loggableError(e));
    expect(logged).toContain('INSERT INTO citizen');
    expect(logged).not.toContain('13812345678');
  });
});
