import { PortalModule } from '../apps/portal/src/portal.module';
import { TestApp, startTestApp, testConfig, useTestDatabase } from '@gongkai/testing';

describe('GET /api/calendar (portal, public)', () => {
  const db = useTestDatabase();
  let portal: TestApp;

  beforeAll(async () => {
    portal = await startTestApp(PortalModule.forRoot(testConfig(db().url)));
  });

  afterAll(async () => {
    await portal.close();
  });

  it('should list every day of 2026 with its kind, name and the notice', async () => {
    const res = await portal.http.get('/api/calendar/2026').expect(200);
    expect(res.body).toMatchObject({ year: 2026, region: 'national', provisional: false });
    expect(res.body.noticeRef).toContain('2026');
    const days = res.body.days as { date: string; working: boolean; kind: string; name?: string }[];
    expect(days).toHaveLength(365);
    expect(days[0]).toEqual({ date: '2026-01-01', working: false, kind: 'holiday', name: '元旦' });
    expect(days.find((d) => d.date === '2026-02-14')).toEqual({
      date: '2026-02-14',
      working: true,
      kind: 'makeup_workday',
      name: '春节调休上班',
    });
    expect(days.find((d) => d.date === '2026-03-07')).toEqual({
      date: '2026-03-07',
      working: false,
      kind: 'weekend',
    });
    expect(days.filter((d) => d.kind === 'makeup_workday')).toHaveLength(6);
    expect(days.filter((d) => d.working)).toHaveLength(248); // 261 weekdays − 19 holidays + 6 make-up days
  });

  it('should mark a year without a published schedule as provisional, Monday to Friday', async () => {
    const res = await portal.http.get('/api/calendar/2027').expect(200);
    expect(res.body.provisional).toBe(true);
    expect(res.body.noticeRef).toBeNull();
    expect(res.body.days[0]).toEqual({ date: '2027-01-01', working: true, kind: 'workday' });
  });

  it.each([
    ['2026-02-13', 20, '2026-03-19', false],
    ['2026-02-13', 7, '2026-03-02', false],
    ['2022-09-30', 20, '2022-11-02', false],
    ['2026-12-20', 20, '2027-01-15', true],
  ])('should compute %s + %i working days = %s', async (from, workingDays, deadline, provisional) => {
    const res = await portal.http.get('/api/calendar/deadline').query({ from, workingDays }).expect(200);
    expect(res.body).toEqual({ from, workingDays, region: 'national', deadline, provisional });
  });

  it.each([
    ['/api/calendar/deadline?from=2026-02-30&workingDays=20', 'VALIDATION.FAILED', 'from'],
    ['/api/calendar/deadline?from=2026-02-13&workingDays=-1', 'VALIDATION.FAILED', 'workingDays'],
    ['/api/calendar/deadline?from=2026-02-13&workingDays=abc', 'VALIDATION.FAILED', 'workingDays'],
    ['/api/calendar/deadline?workingDays=3', 'VALIDATION.FAILED', 'from'],
    ['/api/calendar/deadline?from=2026-02-13&workingDays=3&x=1', 'VALIDATION.FAILED', 'x'],
    ['/api/calendar/abc', 'VALIDATION.FAILED', 'year'],
  ])('should answer %s with 400 %s on %s', async (url, code, field) => {
    const res = await portal.http.get(url).expect(400);
    expect(res.body.code).toBe(code);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(typeof res.body.details[0].message).toBe('string');
  });

  it.each([
    '/api/calendar/2200',
    '/api/calendar/1999',
    '/api/calendar/deadline?from=2099-12-30&workingDays=20',
  ])('should refuse %s as outside the covered range', async (url) => {
    const res = await portal.http.get(url).expect(400);
    expect(res.body.code).toBe('CALENDAR.OUT_OF_RANGE');
  });

  it('should answer an unknown region with 404', async () => {
    const res = await portal.http.get('/api/calendar/2026?region=atlantis').expect(404);
    expect(res.body.code).toBe('CALENDAR.UNKNOWN_REGION');
  });
});
