import { assertTestDatabaseName } from './test-database';

describe(assertTestDatabaseName.name, () => {
  it.each(['gongkai', 'production', 'postgres', 'gongkai_prod'])('should refuse %s', (name) => {
    expect(() => assertTestDatabaseName(name)).toThrow(/must contain "test"/);
  });

  it.each(['gongkai_test_1_ab12', 'gongkai_test_template', 'my_TEST_db'])('should accept %s', (name) => {
    expect(() => assertTestDatabaseName(name)).not.toThrow();
  });
});
