import Handlebars from 'handlebars';
import { LetterKind } from './letter-kinds';
import { LETTER_BODIES, LETTER_LAYOUT } from './templates';

export interface LetterAgency {
  name: string;
  letterHeader: string;
  sealText: string;
  address: string;
  postalCode: string;
  phone: string;
  email: string;
}

/** Everything a template may show. Personal data in it is already masked where the letter allows. */
export interface LetterContext {
  agency: LetterAgency;
  letter: { title: string; number: string; date: string };
  /** The addressee: the applicant, the third party or the agency written to. */
  to: string;
  request: {
    number: string;
    receivedOn: string;
    applicantName: string;
    items: { position: number; description: string; documentNumber: string | null }[];
  };
  facts: Record<string, unknown>;
  remedies: { reconsiderationFirst: boolean; alsoDisclosed: boolean; body: string; court: string } | null;
  slots: Record<string, string>;
}

const hbs = Handlebars.create();
hbs.registerHelper('inc', (n: number) => n + 1);

const layout = hbs.compile(LETTER_LAYOUT, { noEscape: false });
const bodies = new Map<LetterKind, HandlebarsTemplateDelegate>();

function bodyOf(kind: LetterKind): HandlebarsTemplateDelegate {
  let body = bodies.get(kind);
  if (!body) {
    body = hbs.compile(LETTER_BODIES[kind]);
    bodies.set(kind, body);
  }
  return body;
}

/** Renders one letter to a complete HTML document (A4 print view). Every value is HTML-escaped. */
export function renderLetterHtml(kind: LetterKind, context: LetterContext): string {
  const body = bodyOf(kind)(context);
  return layout({ ...context, body });
}

/** 2026-03-02 → 2026年3月2日, as dates are written in official documents. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
