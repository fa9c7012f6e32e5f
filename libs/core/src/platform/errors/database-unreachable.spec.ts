import { databaseUnreachable } from './all-exceptions.filter';

describe(databaseUnreachable.name, () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'the server shutting down',
      { code: '57P01', message: 'terminating connection due to administrator command' },
    ],
    ['a connection dropped mid-query', new Error('Connection terminated unexpectedly')],
    [
      'a transaction whose connection was dropped',
      new Error('Query runner already released. Cannot run queries anymore.'),
    ],
    [
      'a query on a transaction whose connection was dropped',
      new Error(
        'Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.',
      ),
    ],
    ['a driver error inside a query error', { message: 'query failed', driverError: { code: '08006' } }],
    ['one of several addresses', { message: 'x', errors: [{ code: 'ECONNREFUSED' }] }],
  ])('should take %s for an unreachable database', (_, e) => {
    expect(databaseUnreachable(e)).toBe(true);
  });

  it.each([
    ['a unique violation', { code: '23505', message: 'duplicate key value violates unique constraint' }],
    ['a syntax error', { code: '42601', message: 'syntax error at or near' }],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('should not take %s for one', (_, e) => {
    expect(databaseUnreachable(e)).toBe(false);
  });
});
