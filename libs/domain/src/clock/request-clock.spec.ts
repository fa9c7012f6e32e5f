import fc from 'fast-check';
import { RegionCalendarData, SpecialDay } from '../calendar/calendar-data';
import { WorkingCalendar } from '../calendar/working-calendar';
import { ClockEvent, DEFAULT_CLOCK_POLICY } from './clock-events';
import { assertExtensionAllowed, deriveRequestClock } from './request-clock';

const range = (from: string, to: string, name: string): SpecialDay[] => {
  const out: SpecialDay[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) {
    out.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return out;
};

/** The 2026 national schedule (its first half), entered by hand for these tests. */
const CAL_2026: RegionCalendarData = {
  region: 'national',
  years: [
    {
      year: 2026,
      noticeRef: 'test',
      days: [
        ...range('2026-01-01', '2026-01-03', '元旦'),
        ...range('2026-02-15', '2026-02-23', '春节'),
        ...range('2026-04-04', '2026-04-06', '清明节'),
        ...range('2026-05-01', '2026-05-05', '劳动节'),
        ...['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09'].map((date): SpecialDay => ({
          date,
          kind: 'makeup_workday',
          name: '调休上班',
        })),
      ],
    },
  ],
};
const cal = new WorkingCalendar('national', CAL_2026);
const received = (on: string): ClockEvent => ({ type: 'received', on });

describe(deriveRequestClock.name, () => {
  it.each<[string, ClockEvent[], string | null, string]>([
    ['a plain request across Spring Festival 2026', [received('2026-02-13')], '2026-03-19', 'running'],
    [
      'a consultation that straddles Spring Festival (11 working days not counted)',
      [
        received('2026-02-02'),
        { type: 'consultation_opened', on: '2026-02-10', consultationId: 'c1', party: 'third_party' },
        { type: 'consultation_answered', on: '2026-03-03', consultationId: 'c1' },
      ],
      '2026-03-23',
      'running',
    ],
    [
      'an extension of 10 working days after that pause',
      [
        received('2026-02-02'),
        { type: 'consultation_opened', on: '2026-02-10', consultationId: 'c1', party: 'third_party' },
        { type: 'consultation_answered', on: '2026-03-03', consultationId: 'c1' },
        { type: 'extension_approved', on: '2026-03-20', workingDays: 10 },
      ],
      '2026-04-07',
      'running',
    ],
    [
      'a restart from the corrected application (Art. 30)',
      [
        received('2026-03-02'),
        { type: 'correction_notice_served', on: '2026-03-05' },
        { type: 'correction_received', on: '2026-03-16' },
      ],
      '2026-04-14',
      'running',
    ],
    [
      'an Art. 35 deadline set by the agency',
      [
        received('2026-03-02'),
        {
          type: 'art35_deadline_set',
          on: '2026-03-10',
          deadline: '2026-05-29',
          reason: '申请数量明显超过合理范围',
        },
      ],
      '2026-05-29',
      'running',
    ],
  ])('should give %s', (_why, events, due, state) => {
    const clock = deriveRequestClock(events, cal);
    expect(clock.reply.due).toBe(due);
    expect(clock.reply.state).toBe(state);
  });

  it('should stop the reply clock while waiting for the correction and say until when', () => {
    const clock = deriveRequestClock(
      [received('2026-03-02'), { type: 'correction_notice_served', on: '2026-03-05', periodWorkingDays: 10 }],
      cal,
    );
    expect(clock.reply).toMatchObject({ due: null, state: 'awaiting_correction', startedOn: null });
    expect(clock.correctionPeriod).toEqual({ servedOn: '2026-03-05', due: '2026-03-19', correctedOn: null });
    expect(clock.correctionNotice).toEqual({ due: '2026-03-11', servedOn: '2026-03-05', late: false });
  });

  it('should flag a correction notice served after 7 working days as late (Art. 30)', () => {
    const clock = deriveRequestClock(
      [received('2026-02-13'), { type: 'correction_notice_served', on: '2026-03-03' }],
      cal,
    );
    expect(clock.correctionNotice).toEqual({ due: '2026-03-02', servedOn: '2026-03-03', late: true });
  });

  it('should merge overlapping consultations into one pause', () => {
    const events: ClockEvent[] = [
      received('2026-02-02'),
      { type: 'consultation_opened', on: '2026-02-10', consultationId: 'a', party: 'third_party' },
      { type: 'consultation_opened', on: '2026-02-24', consultationId: 'b', party: 'inter_agency' },
      { type: 'consultation_answered', on: '2026-03-03', consultationId: 'a' },
      { type: 'consultation_answered', on: '2026-03-05', consultationId: 'b' },
    ];
    const clock = deriveRequestClock(events, cal);
    const paused = clock.reply.segments.filter((s) => s.kind === 'paused');
    expect(paused).toHaveLength(1);
    expect(paused[0]).toMatchObject({ from: '2026-02-10', to: '2026-03-05', workingDays: 13 });
    expect(clock.reply.due).toBe(cal.addWorkingDays('2026-02-02', 20 + 13));
  });

  it('should pause for an unanswered consultation until its 15 working days end', () => {
    const clock = deriveRequestClock(
      [
        received('2026-03-02'),
        { type: 'consultation_opened', on: '2026-03-04', consultationId: 'c', party: 'inter_agency' },
      ],
      cal,
    );
    expect(clock.consultations[0]).toMatchObject({ answerDue: '2026-03-25', answeredOn: null });
    expect(clock.reply.state).toBe('paused');
    expect(clock.reply.due).toBe(cal.addWorkingDays('2026-03-02', 20 + 15));
  });

  it('should pause for the fee only where the policy says so', () => {
    const events: ClockEvent[] = [
      received('2026-03-02'),
      { type: 'fee_notice_served', on: '2026-03-09' },
      { type: 'fee_paid', on: '2026-03-16' },
    ];
    expect(deriveRequestClock(events, cal).reply.due).toBe(cal.addWorkingDays('2026-03-30', 5));
    expect(
      deriveRequestClock(events, cal, { ...DEFAULT_CLOCK_POLICY, feePausesReplyClock: false }).reply.due,
    ).toBe('2026-03-30');
    expect(deriveRequestClock(events, cal).feePayment).toEqual({
      noticeOn: '2026-03-09',
      due: '2026-04-07',
      paidOn: '2026-03-16',
    });
  });

  it('should explain the due date: counting segments add up to the period, with their legal basis', () => {
    const clock = deriveRequestClock(
      [
        received('2026-02-02'),
        { type: 'consultation_opened', on: '2026-02-10', consultationId: 'c1', party: 'third_party' },
        { type: 'consultation_answered', on: '2026-03-03', consultationId: 'c1' },
      ],
      cal,
    );
    expect(clock.reply.segments.map((s) => [s.kind, s.from, s.to, s.workingDays, s.basis])).toEqual([
      ['counting', '2026-02-02', '2026-02-10', 6, 'Art. 33 ¶1'],
      ['paused', '2026-02-10', '2026-03-03', 11, 'Art. 32, Art. 33 ¶2, Art. 34'],
      ['counting', '2026-03-03', '2026-03-23', 14, 'Art. 33 ¶1'],
    ]);
  });

  it('should refuse to compute without a receipt', () => {
    expect(() => deriveRequestClock([], cal)).toThrow(
      expect.objectContaining({ code: 'CLOCK.NOT_RECEIVED' }),
    );
  });

  it('should move the deadline by exactly the working days of a pause', () => {
    const day = fc.integer({ min: 0, max: 150 }).map((i) => cal.addCalendarDays('2026-01-05', i));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 19 }), fc.integer({ min: 1, max: 30 }), (r, offset, len) => {
        const opened = cal.addWorkingDays(r, offset);
        const answered = cal.addWorkingDays(opened, Math.min(len, 14));
        const k = cal.workingDaysBetween(opened, answered);
        const plain = deriveRequestClock([received(r)], cal).reply.due!;
        const paused = deriveRequestClock(
          [
            received(r),
            { type: 'consultation_opened', on: opened, consultationId: 'x', party: 'third_party' },
            { type: 'consultation_answered', on: answered, consultationId: 'x' },
          ],
          cal,
        ).reply.due!;
        return cal.workingDaysBetween(plain, paused) === k;
      }),
    );
  });
});

describe(assertExtensionAllowed.name, () => {
  const events = [received('2026-03-02')];

  it('should allow one extension of at most 20 working days before the deadline (Art. 33 ¶2)', () => {
    expect(() => assertExtensionAllowed(events, '2026-03-30', 20, cal)).not.toThrow();
  });

  it.each<[string, ClockEvent[], string, number, string]>([
    [
      'a second extension',
      [...events, { type: 'extension_approved', on: '2026-03-10', workingDays: 5 }],
      '2026-03-12',
      5,
      'already_extended',
    ],
    ['more than 20 working days', events, '2026-03-10', 21, 'too_long'],
    ['after the deadline', events, '2026-03-31', 10, 'after_deadline'],
  ])('should refuse %s', (_why, evs, on, wd, reason) => {
    expect(() => assertExtensionAllowed(evs, on, wd, cal)).toThrow(
      expect.objectContaining({
        code: 'CLOCK.EXTENSION_NOT_ALLOWED',
        details: expect.objectContaining({ reason }),
      }),
    );
  });
});
