import { LetterService } from '@gongkai/core/letters';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';
import { personApplication } from './support/applications';

/**
 * The acknowledgement is numbered and dated inside the application's transaction and rendered right
 * after it: by the outbox, or on the spot by a download or listing that comes first — exactly once,
 * with the number and date the application was given.
 */
describe('letters numbered at intake and rendered after the commit', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));
  let letters: LetterService;

  beforeAll(async () => {
    await desk.start(db().url);
    letters = desk.console.app.get(LetterService);
  });
  afterAll(() => desk.close());

  const apply = async () => {
    const res = await desk.portal.http
      .post('/api/portal/requests')
      .set(desk.as.citizen)
      .send(personApplication(desk.agencies.get('sfq')!.id))
      .expect(201);
    return res.body as { id: string; acknowledgement: { letterId: string; letterNumber: string } };
  };
  const stored = (id: string) =>
    desk.ds.query<{ number: string; issued_on: string; html_sha256: string }[]>(
      `SELECT number, issued_on::text, html_sha256 FROM letter WHERE id = $1`,
      [id],
    );
  const pending = async (id: string) =>
    (await desk.ds.query(`SELECT 1 FROM letter_pending WHERE id = $1`, [id])).length;

  it('should answer the number at once and render the letter on the first download, once', async () => {
    const a = await apply();
    const { letterId, letterNumber } = a.acknowledgement;
    expect(letterNumber).toMatch(/依申收〔2026〕\d{4}号$/);
    expect(await pending(letterId)).toBe(1);
    expect(await stored(letterId)).toHaveLength(0);
    // The applicant's request page lists it before it is rendered.
    const detail = await desk.portal.http
      .get(`/api/portal/requests/${a.id}`)
      .set(desk.as.citizen)
      .expect(200);
    expect(JSON.stringify(detail.body)).toContain(letterNumber);

    const html = await desk.portal.http
      .get(`/api/portal/requests/${a.id}/letters/${letterId}`)
      .set(desk.as.citizen)
      .expect(200);
    expect(html.text).toContain(letterNumber);
    const [row] = await stored(letterId);
    expect(row).toMatchObject({ number: letterNumber, issued_on: '2026-03-02' });
    expect(html.headers['x-content-sha256']).toBe(row.html_sha256);
    expect(await pending(letterId)).toBe(0);
    // Again: the same stored letter.
    const again = await desk.portal.http
      .get(`/api/portal/requests/${a.id}/letters/${letterId}`)
      .set(desk.as.citizen)
      .expect(200);
    expect(again.text).toBe(html.text);
  });

  it('should render each reserved letter exactly once when the outbox and downloads race', async () => {
    const apps = await Promise.all(Array.from({ length: 8 }, () => apply()));
    await Promise.all([
      letters.produce({ limit: 50 }),
      letters.produce({ limit: 50 }),
      ...apps.map((a) =>
        desk.portal.http
          .get(`/api/portal/requests/${a.id}/letters/${a.acknowledgement.letterId}`)
          .set(desk.as.citizen)
          .expect(200),
      ),
      letters.produce({ limit: 50 }),
    ]);
    for (const a of apps) {
      const rows = await stored(a.acknowledgement.letterId);
      expect(rows).toHaveLength(1);
      expect(rows[0].number).toBe(a.acknowledgement.letterNumber);
    }
    const [{ n }] = await desk.ds.query(`SELECT count(*)::int AS n FROM letter_pending`);
    expect(n).toBe(0);
    // The numbers are gap-free.
    const numbers = (
      await desk.ds.query<{ number: string }[]>(
        `SELECT number FROM letter WHERE kind = 'acknowledgement' ORDER BY number`,
      )
    ).map((r) => Number(/(\d{4})号$/.exec(r.number)![1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('should leave nothing for the outbox once rendered, and render what is left in batches', async () => {
    const a = await apply();
    expect(await letters.produce({ limit: 50 })).toBe(1);
    expect(await letters.produce({ limit: 50 })).toBe(0);
    expect(await stored(a.acknowledgement.letterId)).toHaveLength(1);
  });
});
