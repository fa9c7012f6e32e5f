import { ConfigError, loadAppConfig, loadConfig } from './app-config';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe(loadConfig.name, () => {
  it('should give the documented defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      nodeEnv: 'development',
      databaseUrl: undefined,
      portalPort: 3000,
      consolePort: 3001,
      workerPort: 3002,
      logLevel: 'info',
      apiDocsEnabled: true,
      clockControlEnabled: false,
      embeddedPgPort: 0,
      demoData: false,
      host: '127.0.0.1',
    });
    expect(c.dataDir).toMatch(/\.data$/);
  });

  it('should switch off docs, demo data and clock control in production', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db:5432/gongkai',
      PERSONAL_DATA_KEY: KEY,
    });
    expect(c).toMatchObject({ apiDocsEnabled: false, demoData: false, clockControlEnabled: false });
  });

  it('should refuse clock control in production, even when asked', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://u:p@db:5432/gongkai',
        CLOCK_CONTROL_ENABLED: 'true',
        PERSONAL_DATA_KEY: KEY,
      }),
    ).toThrow('CLOCK_CONTROL_ENABLED');
    const c = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db:5432/gongkai',
      API_DOCS_ENABLED: 'true',
      PERSONAL_DATA_KEY: KEY,
    });
    expect(c.apiDocsEnabled).toBe(true);
  });

  it.each([
    [{ PORTAL_PORT: 'abc' }, 'PORTAL_PORT'],
    [{ CONSOLE_PORT: '70000' }, 'CONSOLE_PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ PERSONAL_DATA_KEY: 'c2hvcnQ=' }, 'PERSONAL_DATA_KEY'],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/g' }, 'PERSONAL_DATA_KEY'],
    [{ TRUST_PROXY_HOPS: '-1' }, 'TRUST_PROXY_HOPS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ NODE_ENV: 'production' }, 'DATABASE_URL'],
    [{ PORTAL_PORT: '3001' }, 'PORTAL_PORT, CONSOLE_PORT and WORKER_PORT'],
    [{ FILE_STORE: 'ftp' }, 'FILE_STORE'],
    [{ PERSONAL_DATA_KEY_ID: 'key2' }, 'PERSONAL_DATA_KEY_ID'],
    [{ PERSONAL_DATA_PREVIOUS_KEYS: 'k1:c2hvcnQ=' }, 'PERSONAL_DATA_PREVIOUS_KEYS'],
    [
      { PERSONAL_DATA_PREVIOUS_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}` },
      'PERSONAL_DATA_PREVIOUS_KEYS',
    ],
    [{ PERSONAL_DATA_CIPHER: 'des' }, 'PERSONAL_DATA_CIPHER'],
    [{ FILE_STORE: 's3' }, 'S3_ENDPOINT'],
    [
      { FILE_STORE: 's3', S3_ENDPOINT: 'http://s3:9000', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' },
      'S3_BUCKET',
    ],
    [
      {
        FILE_STORE: 's3',
        S3_ENDPOINT: 'http://s3:9000/bucket',
        S3_BUCKET: 'g',
        S3_ACCESS_KEY_ID: 'a',
        S3_SECRET_ACCESS_KEY: 'b',
      },
      'S3_ENDPOINT',
    ],
  ])('should reject %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as ConfigError).problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('should keep files in PostgreSQL unless an object store is configured', () => {
    expect(loadConfig({}).fileStore).toBe('postgres');
    const c = loadConfig({
      FILE_STORE: 's3',
      S3_ENDPOINT: 'https://oss.example.gov.cn/',
      S3_BUCKET: 'gongkai',
      S3_ACCESS_KEY_ID: 'a',
      S3_SECRET_ACCESS_KEY: 'b',
    });
    expect(c.s3).toEqual({
      endpoint: 'https://oss.example.gov.cn',
      bucket: 'gongkai',
      region: 'us-east-1',
      accessKeyId: 'a',
      secretAccessKey: 'b',
    });
  });

  it('should report every problem at once', () => {
    try {
      loadConfig({ PORTAL_PORT: 'x', WORKER_PORT: 'y', LOG_LEVEL: 'z' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as ConfigError).problems).toHaveLength(3);
    }
  });
});

describe(loadAppConfig.name, () => {
  it('should require a database for an app started on its own', () => {
    expect(() => loadAppConfig({})).toThrow(/DATABASE_URL/);
    expect(
      loadAppConfig({ DATABASE_URL: 'postgresql://localhost/gk', PERSONAL_DATA_KEY: KEY }).databaseUrl,
    ).toBe('postgresql://localhost/gk');
  });
});
