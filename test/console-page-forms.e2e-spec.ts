import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

/**
 * Every form of the console's pages, sent with its fields missing or malformed: a page with the
 * problem beside the field (400), and the request exactly as it was.
 */
describe('console page forms refuse bad input, changing nothing', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));
  let id: string;

  beforeAll(async () => {
    await desk.start(db().url);
    id = await desk.applyAndClaim();
  });
  afterAll(() => desk.close());

  /** A signed-in browser: the session cookie, and the CSRF cookie and token of a page. */
  async function browser(who: 'handler' | 'officehead' | 'registrar' | 'legal' | 'signer', page: string) {
    const token = String(desk.as[who].Authorization).replace(/^Bearer /, '');
    const res = await desk.console.http.get(page).set('Cookie', `gk_staff=${token}`);
    expect(res.status).toBe(200);
    const csrfCookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('gk_csrf='),
    )!;
    const csrf = /name=["']_csrf["'] value=["']([^"']+)["']/.exec(res.text)![1];
    return {
      post: (path: string, form: Record<string, string>) =>
        desk.console.http
          .post(path)
          .set('Cookie', [`gk_staff=${token}`, csrfCookie.split(';')[0]])
          .type('form')
          .send({ _csrf: csrf, ...form }),
    };
  }

  const snapshot = async () => {
    const row = await desk.row(id);
    return { version: row.version, status: row.status, events: (await desk.eventTypes(id)).length };
  };

  it.each([
    ['return', {}, 'reason'],
    ['transfer', { reason: '转' }, 'reason'],
    ['request-assistance', { agencyId: 'not-a-uuid' }, 'agencyId'],
    ['issue-correction-notice', { defects: '', periodWorkingDays: '99' }, 'defects'],
    ['receive-correction', { receivedOn: '2026-02-30' }, 'receivedOn'],
    ['open-consultation', { party: 'neighbour' }, 'party'],
    ['record-consultation-answer', { answer: 'maybe' }, 'consultationId'],
    ['notify-third-party', {}, 'consultationId'],
    [
      'convene-joint-consultation',
      { topic: '会商', meetingOn: '2026-02-30', participants: '法制科' },
      'meetingOn',
    ],
    ['convene-joint-consultation', { topic: '会商', meetingOn: '2026-03-02' }, 'participants'],
    ['record-joint-opinion', { opinion: '同意' }, 'participant'],
    ['conclude-joint-consultation', { conclusion: '同意公开' }, 'jointConsultationId'],
    ['request-extension', { workingDays: '21', reason: '需要' }, 'workingDays'],
    ['ask-reasons', {}, 'question'],
    ['decide-art35', { decision: 'later' }, 'decision'],
    ['issue-fee-notice', { basis: 'per_page', pages: '-1' }, 'basis'],
    ['record-payment', { paidOn: '昨天' }, 'paidOn'],
    ['return-review', {}, 'opinion'],
    ['return-signoff', { opinion: ' ' }, 'opinion'],
    ['record-service', { channel: 'pigeon' }, 'channel'],
    ['record-remedy', { kind: 'appeal', filedOn: '' }, 'kind'],
    ['withdraw', {}, 'reason'],
    ['terminate', { code: 'other.whatever' }, 'code'],
  ])('should answer %s with its field errors', async (move, form, field) => {
    const before = await snapshot();
    const as = ['transfer', 'terminate', 'issue-fee-notice', 'decide-art35'].includes(move)
      ? 'officehead'
      : move === 'return-review'
        ? 'legal'
        : move === 'return-signoff'
          ? 'signer'
          : 'handler';
    const b = await browser(as, `/requests/${id}`);
    const res = await b.post(`/requests/${id}/act/${move}`, { version: String(before.version), ...form });
    expect(res.status).toBe(400);
    expect(res.text).toContain('未完成');
    expect(res.text).toContain(`id="f-${move}-${field}-error"`);
    expect(res.text).toContain(`href="#f-${move}-${field}"`);
    expect(await snapshot()).toEqual(before);
  });

  it('should answer a draft reply without outcomes or with an unknown one beside the item', async () => {
    const before = await snapshot();
    const b = await browser('handler', `/requests/${id}`);
    const res = await b.post(`/requests/${id}/act/draft-reply`, {
      version: String(before.version),
      itemCount: '1',
      outcome_1: 'disclose.everything',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="f-draft-outcome-1-error"');
    expect(await snapshot()).toEqual(before);
  });

  it('should show the office head what a fee per request would come to before the notice', async () => {
    const token = String(desk.as.officehead.Authorization).replace(/^Bearer /, '');
    const page = await desk.console.http.get(`/requests/${id}`).set('Cookie', `gk_staff=${token}`);
    expect(page.text).toMatch(/按件计收：这是申请人本月向本机关提出的第 \d+ 件申请/);
  });

  it('should ask for a reason before revealing personal data', async () => {
    const b = await browser('handler', `/requests/${id}`);
    const res = await b.post(`/requests/${id}/reveal`, { field: 'phone', reason: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="f-reveal-reason-error"');
    expect(res.text).not.toContain('13812345678');
    const shown = await b.post(`/requests/${id}/reveal`, {
      field: 'phone',
      reason: '电话联系申请人核实地块',
    });
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('13812345678');
    const audit = await desk.ds.query<{ details: { reason: string } }[]>(
      `SELECT details FROM audit_log WHERE object_id = $1 AND action LIKE '%reveal%'`,
      [id],
    );
    expect(JSON.stringify(audit)).toContain('电话联系申请人核实地块');
  });

  it('should answer a registration with every problem at once, the future receipt date among them', async () => {
    const count = async () =>
      (await desk.ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM request'))[0].n;
    const before = await count();
    const b = await browser('registrar', '/register');
    const res = await b.post('/register', {
      agencyId: desk.agencies.get('sfq')!.id,
      channel: 'registered_post',
      receivedOn: '2026-03-09',
      applicantType: 'natural_person',
      name: '',
      phone: 'abc',
      item_1: '',
      formOfProvision: 'paper',
      deliveryChannel: 'post',
    });
    expect(res.status).toBe(400);
    for (const f of ['receivedOn', 'name', 'phone', 'item-1']) {
      expect(res.text).toContain(`id="f-${f}-error"`);
    }
    expect(res.text).toContain('收到申请之日不能晚于今天');
    expect(await count()).toBe(before);
  });
});
