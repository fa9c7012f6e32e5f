import { ConfigError, DEVELOPMENT_PERSONAL_DATA_KEY, loadAppConfig, loadConfig } from './app-config';

const KEY = Buffer.alloc(32, 7).toString('base64');

/** The safe behaviour is the default; the local demo opts in; production refuses the demo's conveniences. */
describe('safe configuration defaults', () => {
  it('should listen on this machine only, without demo data or the testing clock, unless asked', () => {
    const c = loadConfig({ NODE_ENV: 'development' });
    expect(c.host).toBe('127.0.0.1');
    expect(c.demoData).toBe(false);
    expect(c.clockControlEnabled).toBe(false);
    expect(c.databaseRoleCheck).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/g', PERSONAL_DATA_KEY: KEY })
        .databaseRoleCheck,
    ).toBe(true);
  });

  it('should let the local demo opt in', () => {
    const c = loadConfig({ NODE_ENV: 'development', DEMO_DATA: 'true', CLOCK_CONTROL_ENABLED: 'true' });
    expect(c.demoData).toBe(true);
    expect(c.clockControlEnabled).toBe(true);
  });

  it.each<[string, Record<string, string>, string]>([
    ['demo data', { DEMO_DATA: 'true' }, 'DEMO_DATA'],
    ['the testing clock', { CLOCK_CONTROL_ENABLED: 'true' }, 'CLOCK_CONTROL_ENABLED'],
    ['the development key', { PERSONAL_DATA_KEY: DEVELOPMENT_PERSONAL_DATA_KEY }, 'PERSONAL_DATA_KEY'],
    ['no key at all', { PERSONAL_DATA_KEY: '' }, 'PERSONAL_DATA_KEY'],
    ['the database role check off', { DATABASE_ROLE_CHECK: 'false' }, 'DATABASE_ROLE_CHECK'],
  ])('should refuse to start in production with %s', (_, extra, variable) => {
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db:5432/g',
      PERSONAL_DATA_KEY: KEY,
      ...extra,
    };
    if (env.PERSONAL_DATA_KEY === '') {
      delete env.PERSONAL_DATA_KEY;
    }
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('should never let an app fall back to the development key outside the tests', () => {
    expect(() =>
      loadAppConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgres://u:p@db:5432/g' }),
    ).toThrow('PERSONAL_DATA_KEY');
    expect(
      loadAppConfig({
        NODE_ENV: 'development',
        DATABASE_URL: 'postgres://u:p@db:5432/g',
        PERSONAL_DATA_KEY: KEY,
      }).personalDataKey,
    ).toEqual(Buffer.alloc(32, 7));
  });
});
