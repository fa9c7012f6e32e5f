import { AddressInfo, Server, Socket, createConnection, createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { ConsoleModule } from '../apps/console/src/console.module';
import {
  TestApp,
  bearer,
  loadDemoDistrict,
  signIn,
  startTestApp,
  testConfig,
  useTestDatabase,
} from '@gongkai/testing';

/** A TCP relay to the database that the test can cut and restore: a network outage without killing it. */
class Relay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly target: number,
  ) {}

  async open(port = 0): Promise<void> {
    this.server = createServer((client) => {
      const upstream = createConnection({ host: this.host, port: this.target });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((done) => this.server!.listen(port, '127.0.0.1', done));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((done) => this.server!.close(() => done()));
    for (const s of this.sockets) {
      s.destroy();
    }
    await closed;
  }
}

/**
 * Honest failure: while the database cannot be reached, /health answers 503 and every route 503
 * SERVICE.UNAVAILABLE with Retry-After (never 500); when it is back, the app reconnects by itself.
 */
describe('the database going away and coming back', () => {
  const db = useTestDatabase();
  let relay: Relay;
  let app: TestApp;
  let token: Record<string, string>;

  beforeAll(async () => {
    const url = new URL(db().url);
    relay = new Relay(url.hostname, Number(url.port));
    await relay.open();
    url.port = String(relay.port);
    app = await startTestApp(ConsoleModule.forRoot(testConfig(url.toString())), { clock: 'real' });
    await loadDemoDistrict(app.app.get(DataSource), new Date());
    token = bearer(await signIn(app.http, 'console', 'handler'));
  }, 60_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await relay?.cut().catch(() => undefined);
  });

  it('should answer 503 with Retry-After while it is unreachable, and recover when it is back', async () => {
    expect((await app.http.get('/api/console/requests').set(token)).status).toBe(200);
    const port = relay.port;
    await relay.cut();

    const down = await app.http.get('/api/console/requests').set(token);
    expect(down.status).toBe(503);
    expect(down.body.code).toBe('SERVICE.UNAVAILABLE');
    expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
    const page = await app.http.get('/worklist').set('Cookie', `gk_staff=${token.Authorization.slice(7)}`);
    expect(page.status).toBe(503);
    expect((await app.http.get('/health')).status).toBe(503);

    await relay.open(port);
    let back = 0;
    for (let i = 0; i < 40 && back !== 200; i++) {
      back = (await app.http.get('/api/console/requests').set(token)).status;
      if (back !== 200) {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    expect(back).toBe(200);
    expect((await app.http.get('/health')).status).toBe(200);
  }, 60_000);
});
