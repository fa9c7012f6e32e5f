import { DataSource } from 'typeorm';
import { CalendarService } from '@gongkai/core/calendar';
import { RequestEntity, RequestEventEntity } from '@gongkai/core/request-record';
import type { AppConfig } from '@gongkai/core/platform';
import {
  FrozenClock,
  TestApp,
  bearer,
  loadDemoDistrict,
  signIn,
  startTestApp,
  testConfig,
} from '@gongkai/testing';
import { ConsoleModule } from '../../apps/console/src/console.module';
import { PortalModule } from '../../apps/portal/src/portal.module';
import { personApplication } from './applications';

export const STAFF = ['registrar', 'handler', 'officehead', 'legal', 'signer', 'handler.jyj'] as const;
export type StaffLogin = (typeof STAFF)[number];

/**
 * The whole office at one desk: the console and the portal on one database and one frozen clock,
 * with every demo role signed in, and helpers for the moves a lifecycle makes.
 */
export class Desk {
  console!: TestApp;
  portal!: TestApp;
  ds!: DataSource;
  agencies!: Map<string, { id: string; path: string }>;
  as = {} as Record<StaffLogin | 'citizen', Record<string, string>>;

  constructor(readonly clock: FrozenClock) {}

  /**
   * `portal` options serve the portal on a port (for a browser) or replace outside-world providers;
   * `consoleOverrides` replace the console's (its mail server, for service by e-mail).
   */
  async start(
    url: string,
    portal: Omit<Parameters<typeof startTestApp>[1], 'clock'> = {},
    consoleOverrides: { provide: unknown; useValue: unknown }[] = [],
    /** Configuration both apps get besides the tests' defaults (a file store, …). */
    config: Partial<AppConfig> = {},
  ): Promise<this> {
    this.console = await startTestApp(ConsoleModule.forRoot(testConfig(url, config)), {
      clock: this.clock,
      overrides: consoleOverrides,
    });
    this.portal = await startTestApp(PortalModule.forRoot(testConfig(url, config)), {
      ...portal,
      clock: this.clock,
    });
    this.ds = this.console.app.get(DataSource);
    this.agencies = await loadDemoDistrict(this.ds, this.clock.now());
    await this.signInAll();
    return this;
  }

  async close(): Promise<void> {
    await this.portal?.close();
    await this.console?.close();
  }

  /** Sessions end after 30 idle minutes: sign everyone in again after moving the clock. */
  async signInAll(): Promise<void> {
    // Side by side: each sign-in verifies a password with scrypt, which runs off the event loop.
    const tokens = await Promise.all(STAFF.map((login) => signIn(this.console.http, 'console', login)));
    STAFF.forEach((login, i) => (this.as[login] = bearer(tokens[i])));
    this.as.citizen = bearer(await signIn(this.portal.http, 'portal', '13800000001'));
  }

  async advance(days: number): Promise<void> {
    this.clock.advance({ days });
    await this.signInAll();
  }

  /**
   * Jumps to a day (09:00 Beijing) for tests that span years; passwords are kept fresh, because the
   * 90-day rotation is not what they test.
   */
  async moveTo(date: string): Promise<void> {
    this.clock.set(`${date}T09:00:00+08:00`);
    await this.ds.query('UPDATE staff_user SET password_changed_at = $1', [this.clock.now()]);
    await this.signInAll();
  }

  get today(): string {
    return this.clock.today();
  }

  calendar() {
    return this.console.app.get(CalendarService).calendarFor('national');
  }

  /** The demo citizen applies online to the district government with `items` matters; the handler claims it. */
  async applyAndClaim(items = 1, overrides: Record<string, unknown> = {}): Promise<string> {
    const body = personApplication(this.agencies.get('sfq')!.id, {
      items: Array.from({ length: items }, (_, i) => ({
        description: `第${i + 1}项：示范区 2025 年财政预算执行情况`,
      })),
      ...overrides,
    });
    const res = await this.portal.http.post('/api/portal/requests').set(this.as.citizen).send(body);
    if (res.status !== 201) {
      throw new Error(`apply: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const id = (res.body as { id: string }).id;
    await this.act('handler', id, 'claim', {});
    return id;
  }

  /** A console move that must succeed; answers its body. */
  async act(
    who: StaffLogin,
    id: string,
    action: string,
    body: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const res = await this.console.http
      .post(`/api/console/requests/${id}/${action}`)
      .set(this.as[who])
      .send(body);
    if (res.status !== 200) {
      throw new Error(`${who} ${action}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body as Record<string, unknown>;
  }

  /** A console move that must be refused; answers status and body. */
  async refused(who: StaffLogin, id: string, action: string, body: Record<string, unknown>) {
    const res = await this.console.http
      .post(`/api/console/requests/${id}/${action}`)
      .set(this.as[who])
      .send(body);
    return { status: res.status, body: res.body as { code: string; details?: unknown } };
  }

  row(id: string): Promise<RequestEntity> {
    return this.ds.getRepository(RequestEntity).findOneByOrFail({ id });
  }

  async eventTypes(id: string): Promise<string[]> {
    const events = await this.ds
      .getRepository(RequestEventEntity)
      .find({ where: { requestId: id }, order: { id: 'ASC' } });
    return events.map((e) => e.type);
  }
}
