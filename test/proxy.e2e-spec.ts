import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveUpstreams, startProxy } from '../scripts/proxy';

/** Two replicas of a tiny app: each answers its name, the forwarded address, and the body it got. */
function replica(name: string, opts: { dropPosts?: boolean } = {}): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (opts.dropPosts && req.method === 'POST') {
        req.socket.destroy();
        return;
      }
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ name, forwardedFor: req.headers['x-forwarded-for'] ?? null, body }));
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}
const portOf = (s: Server) => (s.address() as AddressInfo).port;
const close = (s: Server) => new Promise((r) => s.close(r));

/** The replicas' reverse proxy (scripts/proxy.ts): round robin, failover, and retries only where safe. */
describe('the reverse proxy in front of replicas', () => {
  let a: Server;
  let b: Server;
  let proxy: Server;
  let upstreams: { host: string; port: number }[];
  const url = (path = '/') => `http://127.0.0.1:${portOf(proxy)}${path}`;

  beforeEach(async () => {
    a = await replica('a');
    b = await replica('b');
    upstreams = [a, b].map((s) => ({ host: '127.0.0.1', port: portOf(s) }));
    proxy = await startProxy(0, '127.0.0.1', { upstreams: () => upstreams });
  });
  afterEach(async () => {
    await Promise.all([a, b, proxy].filter((s) => s.listening).map(close));
  });

  it('should take turns and pass the client address and the body', async () => {
    const seen = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(url(), {
        method: 'POST',
        body: `x${i}`,
        headers: { 'Idempotency-Key': `k${i}` },
      });
      const json = (await res.json()) as { name: string; forwardedFor: string; body: string };
      expect(json.body).toBe(`x${i}`);
      expect(json.forwardedFor).toBe('127.0.0.1');
      seen.push(json.name);
    }
    expect(seen.sort()).toEqual(['a', 'a', 'b', 'b']);
  });

  it('should send everything to the replica left when the other is down', async () => {
    await close(a);
    for (let i = 0; i < 4; i++) {
      const res = await fetch(url());
      expect(res.status).toBe(200);
      expect(((await res.json()) as { name: string }).name).toBe('b');
      // A POST that never reached the dead replica is safe to send to the other one.
      const post = await fetch(url(), { method: 'POST', body: 'y' });
      expect(post.status).toBe(200);
    }
  });

  it('should not repeat a POST without an Idempotency-Key that a replica dropped, but repeat one with a key', async () => {
    await close(a);
    a = await replica('a', { dropPosts: true });
    upstreams = [a, b].map((s) => ({ host: '127.0.0.1', port: portOf(s) }));
    const answers = [];
    for (let i = 0; i < 4; i++) {
      answers.push((await fetch(url(), { method: 'POST', body: 'z' })).status);
    }
    expect(answers).toContain(502);
    for (let i = 0; i < 4; i++) {
      const keyed = await fetch(url(), {
        method: 'POST',
        body: 'z',
        headers: { 'Idempotency-Key': `k${i}` },
      });
      expect(keyed.status).toBe(200);
    }
  });

  it('should answer 502 with a coded body when no replica is up', async () => {
    await close(a);
    await close(b);
    const res = await fetch(url());
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
  });

  it('should find every address of a host name', async () => {
    const found = await resolveUpstreams('localhost:3000,127.0.0.1:3001');
    expect(found.some((u) => u.port === 3000)).toBe(true);
    expect(found).toContainEqual({ host: '127.0.0.1', port: 3001 });
  });
});
