import { strToU8, zipSync } from 'fflate';
import {
  assertTransition,
  canTransition,
  formatRequestNumber,
  numberPatternProblem,
  OPEN_STATES,
  REQUEST_ACTIONS,
  REQUEST_STATES,
  receiptDateProblems,
  RequestAction,
  RequestState,
  checkUpload,
  sniffFileType,
  TRANSITIONS,
  applicationProblems,
  ApplicationFacts,
} from '..';

describe('receiptDateProblems (Art. 31)', () => {
  const today = '2026-11-20';
  it.each([
    // A registered letter signed for three days ago is received that day.
    [{ channel: 'registered_post', receivedOn: '2026-11-17' }, []],
    [{ channel: 'in_person', receivedOn: today }, []],
    [{ channel: 'in_person', receivedOn: '2026-11-21' }, ['receivedOn:inFuture']],
    [{ channel: 'email', receivedOn: '2026-02-30' }, ['receivedOn:invalidDate']],
    [{ channel: 'fax', receivedOn: '2025-11-01' }, ['receivedOn:tooOld']],
    // Ordinary mail counts from the day the office reaches the applicant, never before arrival.
    [{ channel: 'ordinary_mail', receivedOn: '2026-11-18', arrivedOn: '2026-11-16' }, []],
    [
      { channel: 'ordinary_mail', receivedOn: '2026-11-15', arrivedOn: '2026-11-16' },
      ['receivedOn:beforeArrival'],
    ],
    [{ channel: 'email', receivedOn: '2026-11-18', arrivedOn: '2026-11-16' }, ['arrivedOn:notApplicable']],
    // Guiding Case 26: an online application is received the day the system confirms it.
    [{ channel: 'online', receivedOn: '2026-11-19' }, []],
  ] as const)('should judge %j', (facts, expected) => {
    const problems = receiptDateProblems({ ...facts, today });
    expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual(expected);
  });
});

describe('formatRequestNumber', () => {
  it.each([
    ['{agencyShort}依申〔{year}〕{seq:4}号', '示范区政府依申〔2026〕0007号'],
    ['{agencyShort}-{year}-{seq}', '示范区政府-2026-7'],
    ['YSQ{year}{seq:6}', 'YSQ2026000007'],
  ])('should format %s', (pattern, number) => {
    expect(formatRequestNumber(pattern, { agencyShort: '示范区政府', year: 2026, seq: 7 })).toBe(number);
  });

  it('should not cut a sequence wider than its pad', () => {
    expect(formatRequestNumber('{year}-{seq:2}', { agencyShort: 'x', year: 2026, seq: 1234 })).toBe(
      '2026-1234',
    );
  });

  it.each([
    ['{agencyShort}依申〔{year}〕号', '{seq}'],
    ['{agencyShort}依申{seq:4}号', '{year}'],
    ['{year}{seq}{seq}', '{seq}'],
    ['{agency}{year}{seq}', '未知的占位符'],
    ['', '长度'],
  ])('should refuse the pattern %s', (pattern, hint) => {
    expect(numberPatternProblem(pattern)).toContain(hint);
    expect(() => formatRequestNumber(pattern, { agencyShort: 'x', year: 2026, seq: 1 })).toThrow(
      expect.objectContaining({ code: 'AGENCY.INVALID_NUMBER_PATTERN' }),
    );
  });
});

describe('TRANSITIONS', () => {
  it.each<[RequestAction, RequestState, RequestState]>([
    ['assign', 'registered', 'in_progress'],
    ['claim', 'registered', 'in_progress'],
    ['return', 'in_progress', 'registered'],
    ['transfer', 'in_progress', 'in_progress'],
    ['issue-correction-notice', 'registered', 'awaiting_correction'],
    ['receive-correction', 'awaiting_correction', 'in_progress'],
    ['issue-fee-notice', 'in_progress', 'awaiting_fee'],
    ['sign-off', 'awaiting_signoff', 'replied'],
    ['archive', 'served', 'archived'],
  ])('should allow %s from %s to %s', (action, from, to) => {
    expect(assertTransition(action, from, to)).toBe(to);
  });

  it.each<[RequestAction, RequestState]>([
    ['claim', 'in_progress'],
    ['assign', 'replied'],
    ['return', 'registered'],
    ['sign-off', 'in_review'],
    ['archive', 'replied'],
    ['withdraw', 'replied'],
  ])('should refuse %s from %s', (action, from) => {
    expect(() => assertTransition(action, from)).toThrow(
      expect.objectContaining({ code: 'REQUEST.INVALID_TRANSITION', kind: 'conflict' }),
    );
  });

  it('should refuse a target the action does not list', () => {
    expect(() => assertTransition('draft-reply', 'in_progress', 'replied')).toThrow(
      expect.objectContaining({ code: 'REQUEST.INVALID_TRANSITION' }),
    );
  });

  it('should never move an archived request, and let only withdrawal start from every open state', () => {
    for (const action of REQUEST_ACTIONS) {
      expect(canTransition(action, 'archived')).toBe(false);
    }
    const everywhere = REQUEST_ACTIONS.filter((a) => OPEN_STATES.every((s) => canTransition(a, s)));
    expect(everywhere).toEqual(['withdraw']);
  });

  it('should use kebab-case action names and known states only', () => {
    for (const [action, rule] of Object.entries(TRANSITIONS)) {
      expect(action).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const s of [...rule.from, ...rule.to]) {
        expect(REQUEST_STATES).toContain(s);
      }
    }
  });
});

describe('sniffFileType', () => {
  const zip = (names: string[]) => zipSync(Object.fromEntries(names.map((n) => [n, strToU8('<x/>')])));
  it.each([
    [new Uint8Array(Buffer.from('%PDF-1.7\n')), 'pdf'],
    [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'jpeg'],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'png'],
    [zip(['OFD.xml', 'Doc_0/Document.xml']), 'ofd'],
    [zip(['[Content_Types].xml', 'word/document.xml']), 'docx'],
    [zip(['[Content_Types].xml', 'xl/workbook.xml']), null],
    [new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Array.from(Buffer.from('OFD.xml'))]), null],
    [new Uint8Array(Buffer.from('MZ\x90\x00')), null],
    [new Uint8Array(Buffer.from('<html><script>')), null],
    [new Uint8Array([]), null],
  ])('should recognise %#', (bytes, type) => {
    expect(sniffFileType(bytes)).toBe(type);
  });
});

describe('applicationProblems (Art. 29)', () => {
  const person = {
    applicantType: 'natural_person' as const,
    applicant: { name: '张三', idType: 'resident_id' as const, idNumber: '11010519491231002X' },
    phone: '13812345678',
    items: [{ description: '2025 年本区老旧小区改造项目清单' }],
    deliveryChannel: 'online' as const,
  };
  const org = {
    ...person,
    applicantType: 'commercial_enterprise' as const,
    applicant: { name: '示范科技有限公司', creditCode: '91350100M000100Y43', contactPerson: '李四' },
  };
  it.each([
    ['a natural person with a valid resident ID', person, []],
    [
      'a wrong check digit',
      { ...person, applicant: { ...person.applicant, idNumber: '110105194912310021' } },
      ['applicant.idNumber:residentId.check_digit'],
    ],
    [
      'a passport (not checked by GB 11643)',
      { ...person, applicant: { ...person.applicant, idType: 'passport', idNumber: 'E12345678' } },
      [],
    ],
    [
      'no identity document',
      { ...person, applicant: { name: '张三' } },
      ['applicant.idType:required', 'applicant.idNumber:required'],
    ],
    ['an organization with a valid credit code', org, []],
    [
      'a wrong credit code',
      { ...org, applicant: { ...org.applicant, creditCode: '91350100M000100Y44' } },
      ['applicant.creditCode:creditCode.check_character'],
    ],
    [
      'an organization without contact person',
      { ...org, applicant: { name: 'x', creditCode: '91350100M000100Y43' } },
      ['applicant.contactPerson:required'],
    ],
    ['an empty item list', { ...person, items: [] }, ['items:arrayNotEmpty']],
    ['post without an address', { ...person, deliveryChannel: 'post' }, ['address:requiredForDelivery']],
    [
      'an agent without power of attorney',
      { ...person, agent: { idType: 'resident_id', idNumber: '440524188001010014' } },
      ['agent.powerOfAttorneyAttachmentId:required'],
    ],
  ] as const)('should judge %s', (_name, facts, expected) => {
    expect(applicationProblems(facts as ApplicationFacts).map((p) => `${p.field}:${p.code}`)).toEqual(
      expected,
    );
  });
});

describe('checkUpload: polyglots and unsafe archives', () => {
  const zip = (files: Record<string, string>) =>
    zipSync(Object.fromEntries(Object.entries(files).map(([n, c]) => [n, strToU8(c)])));
  const concat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const pdf = strToU8('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  const ofd = { 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<ofd:Document/>' };
  const docx = { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' };

  it.each<[string, Uint8Array, string]>([
    ['a PDF', pdf, 'pdf'],
    ['an OFD', zip(ofd), 'ofd'],
    ['a DOCX', zip(docx), 'docx'],
    ['a PDF with a ZIP appended', concat(pdf, zip({ 'run.exe': 'MZ' })), 'file.polyglot'],
    ['a PNG with a ZIP appended', concat(png, zip(docx)), 'file.polyglot'],
    ['an OFD carrying a program', zip({ ...ofd, 'Doc_0/Res/setup.exe': 'MZ' }), 'file.unsafeArchive'],
    ['a DOCX with macros', zip({ ...docx, 'word/vbaProject.bin': 'x' }), 'file.unsafeArchive'],
    ['an OFD with a path climbing out', zip({ ...ofd, '../../etc/cron.d/x': 'x' }), 'file.unsafeArchive'],
    ['an OFD with data after the archive', concat(zip(ofd), strToU8('<script>')), 'file.unsafeArchive'],
    ['a ZIP that names OFD.xml only in a file', zip({ 'readme.txt': 'OFD.xml' }), 'file.typeNotAllowed'],
  ])('%s', (_, bytes, expected) => {
    const r = checkUpload(bytes);
    expect('type' in r ? r.type : r.problem).toBe(expected);
  });
});
