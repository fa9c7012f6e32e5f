import { ConsoleModule } from '../apps/console/src/console.module';
import { PortalModule } from '../apps/portal/src/portal.module';
import { TestApp, startTestApp, testConfig, useTestDatabase } from '@gongkai/testing';

describe('HTTP conventions', () => {
  const db = useTestDatabase();
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(ConsoleModule.forRoot(testConfig(db().url)));
  });

  afterAll(async () => {
    await app.close();
  });

  it('should echo a well-formed correlation id and make one up otherwise', async () => {
    const given = await app.http.get('/health').set('X-Correlation-Id', 'abc-123-def-456').expect(200);
    expect(given.headers['x-correlation-id']).toBe('abc-123-def-456');
    const made = await app.http.get('/health').set('X-Correlation-Id', 'bad id; drop').expect(200);
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should answer an unknown route with a coded error carrying the correlation id', async () => {
    const res = await app.http.get('/api/console/nothing-here').expect(404);
    expect(res.body).toEqual({
      code: 'HTTP.NOT_FOUND',
      message: '请求的资源不存在。',
      details: null,
      correlationId: res.headers['x-correlation-id'],
    });
  });

  it('should answer malformed JSON with 400 and the correlation id', async () => {
    const res = await app.http
      .put('/api/console/testing/clock')
      .set('Content-Type', 'application/json')
      .send('{"now": ')
      .expect(400);
    expect(res.body.code).toBe('HTTP.BAD_REQUEST');
    expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
  });

  it('should reject unknown fields and __proto__ with field-level Chinese messages', async () => {
    const res = await app.http
      .post('/api/console/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"login":"sysadmin","password":"x","__proto__":{"admin":true},"mode":"frozen"}')
      .expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        { field: '__proto__', code: 'forbiddenKey', message: '不允许的字段' },
        { field: 'mode', code: 'whitelistValidation', message: '不允许的字段' },
      ]),
    );
  });

  it('should set security headers and hide the framework', async () => {
    const res = await app.http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('should serve the OpenAPI document at /api/docs', async () => {
    const json = await app.http.get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/api/console/testing/clock']),
    );
    await app.http.get('/api/docs').expect(200);
  });
});

describe('API docs in production', () => {
  const db = useTestDatabase();

  it('should be off unless enabled', async () => {
    const cfg = testConfig(db().url, {
      nodeEnv: 'production',
      apiDocsEnabled: false,
      clockControlEnabled: false,
    });
    const app = await startTestApp(PortalModule.forRoot(cfg), { docs: cfg.apiDocsEnabled });
    try {
      await app.http.get('/api/docs-json').expect(404);
    } finally {
      await app.close();
    }
  });
});
