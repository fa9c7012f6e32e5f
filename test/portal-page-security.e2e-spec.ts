import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

/** The portal's pages over HTTP: CSRF on every form, the page security headers, errors as pages. */
describe('portal pages over HTTP', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));

  beforeAll(() => desk.start(db().url));
  afterAll(() => desk.close());

  const http = () => desk.portal.http;

  it('should serve every public page with a strict Content-Security-Policy, no inline script or style, and no-store', async () => {
    for (const path of [
      '/',
      '/guide',
      '/process',
      '/agencies',
      '/sitemap',
      '/track',
      '/login',
      '/register',
    ]) {
      const res = await http().get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.text).not.toMatch(/\sstyle="/);
      expect(res.text).not.toMatch(/https?:\/\/(?!zfwzgl)[a-z]/i); // nothing loaded from elsewhere
      expect(res.text).toContain('网站标识码');
    }
  });

  it.each([
    ['/login', { login: '13800000001', password: 'x' }],
    ['/register', { phone: '13900000009' }],
    ['/register/verify', { phone: '13900000009', code: '123456' }],
    ['/track', { number: 'x', code: 'y' }],
    ['/display-mode', { mode: 'elder' }],
  ])('should refuse %s without the CSRF token of the browser, changing nothing', async (path, form) => {
    const page = await http().get('/login');
    const cookie = page.headers['set-cookie'];
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const none = await http().post(path).type('form').send(form);
    expect(none.status).toBe(403);
    expect(none.text).toContain('页面已过期或来源无法确认');
    const forged = await http()
      .post(path)
      .set('Cookie', cookie)
      .type('form')
      .send({ ...form, _csrf: `${token.slice(0, -2)}xx` });
    expect(forged.status).toBe(403);
    const otherBrowser = await http()
      .post(path)
      .set('Cookie', 'gk_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
      .type('form')
      .send({ ...form, _csrf: token });
    expect(otherBrowser.status).toBe(403);
  });

  it('should refuse a signed-in move without the token and leave the request as it was', async () => {
    const id = await desk.applyAndClaim();
    const res = await http()
      .post(`/requests/${id}/withdraw`)
      .set('Cookie', `gk_citizen=${desk.as.citizen.Authorization.slice(7)}`)
      .type('form')
      .send({ confirm: 'yes' });
    expect(res.status).toBe(403);
    expect((await desk.row(id)).status).toBe('in_progress');
  });

  it('should send a visitor to sign in, keeping the page they asked for', async () => {
    const res = await http().get('/requests');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Frequests');
  });

  it('should answer errors of pages as pages and of the API as JSON, with the correlation id', async () => {
    const page = await http().get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('页面不存在');
    expect(page.text).toContain(page.headers['x-correlation-id']);
    const api = await http().get('/api/portal/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({
      code: expect.any(String),
      correlationId: api.headers['x-correlation-id'],
    });
  });

  it('should keep API answers, which carry personal data, out of every cache', async () => {
    const id = await desk.applyAndClaim();
    const mine = await http().get(`/api/portal/requests/${id}`).set(desk.as.citizen);
    expect(mine.status).toBe(200);
    expect(mine.headers['cache-control']).toBe('no-store');
    const staff = await desk.console.http.get(`/api/console/requests/${id}`).set(desk.as.handler);
    expect(staff.headers['cache-control']).toBe('no-store');
  });

  it('should read a malformed session cookie as no session, not fail', async () => {
    const page = await http().get('/').set('Cookie', 'gk_citizen=%%%; gk_csrf=%E0%A4%A');
    expect(page.status).toBe(200);
    const api = await http().get('/api/portal/auth/me').set('Cookie', 'gk_citizen=%%%');
    expect(api.status).toBe(401);
  });

  it('should answer too many wrong lookups with 429, Retry-After and a Chinese page', async () => {
    const page = await http().get('/track');
    const cookie = page.headers['set-cookie'];
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const statuses: number[] = [];
    let last = page;
    for (let i = 0; i < 11; i++) {
      last = await http()
        .post('/track')
        .set('Cookie', cookie)
        .set('X-Forwarded-For', '203.0.113.9')
        .type('form')
        .send({ _csrf: token, number: '示范区政府依申〔2026〕0001号', code: 'ABCDEFGH' });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.text).toContain('操作过于频繁');
  });

  it('should serve assets from the app with their type and a validator, and nothing else under /assets', async () => {
    const css = await http().get('/assets/gongkai.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    const again = await http().get('/assets/gongkai.css').set('If-None-Match', css.headers.etag);
    expect(again.status).toBe(304);
    expect((await http().get('/assets/../package.json')).status).toBe(404);
    expect((await http().get('/assets/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });
});
