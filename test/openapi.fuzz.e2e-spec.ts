import fc from 'fast-check';
import { FrozenClock, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  minLength?: number;
  allOf?: Schema[];
};
interface Operation {
  app: 'console' | 'portal';
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body: Schema | null;
  query: { name: string; schema: Schema; required: boolean }[];
}

const UUID = '5f0c9a2e-3b7d-4c1e-9a8b-0d6e2f4a1c3b';

/** A value its schema accepts (the first enum value, a plausible date, a known id shape). */
function valid(
  schema: Schema,
  doc: { components?: { schemas?: Record<string, Schema> } },
  depth = 0,
): unknown {
  if (schema.$ref) {
    return valid(doc.components!.schemas![schema.$ref.split('/').pop()!], doc, depth);
  }
  if (schema.allOf?.length) {
    return valid(schema.allOf[0], doc, depth);
  }
  if (schema.enum?.length) {
    return schema.enum[0];
  }
  switch (schema.type) {
    case 'string':
      return schema.format === 'uuid'
        ? UUID
        : schema.format === 'date'
          ? '2026-03-02'
          : '示范区 2025 年财政预算';
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return depth > 4 || !schema.items ? [] : [valid(schema.items, doc, depth + 1)];
    default: {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(schema.properties ?? {})) {
        out[k] = depth > 4 ? null : valid(v, doc, depth + 1);
      }
      return out;
    }
  }
}

/** What an attacker or a broken client sends instead of a good value. */
const BAD = fc.constantFrom<unknown>(
  null,
  '',
  ' ',
  -1,
  0,
  1e20,
  '99999999999999999999',
  Number.MAX_SAFE_INTEGER,
  1.5,
  'x'.repeat(6000),
  '\u0000',
  '张\ud800三',
  '2026-13-45',
  '2026-W05',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  true,
  [],
  [[{ a: 1 }]],
  {},
  { __proto__: { admin: true } },
  { constructor: { prototype: { admin: true } } },
);

const BAD_PATH = fc.constantFrom(
  '%00',
  '..%2F..%2Fetc',
  'x'.repeat(300),
  '99999999999999999999',
  '%E0%A4%A',
  'null',
);

/**
 * Property-based fuzzing over both OpenAPI documents: a schema-valid body (and query) for an operation,
 * with one field — or one path parameter, or the session cookie — replaced by a bad value. Whatever is
 * sent: never a 5xx, every refusal a coded JSON error, and a refused change changes nothing.
 */
describe('fuzzing every operation of the OpenAPI documents', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2026-03-02T09:00:00+08:00'));
  const ops: Operation[] = [];
  const docs: Record<string, { components?: { schemas?: Record<string, Schema> } }> = {};

  beforeAll(async () => {
    await desk.start(db().url);
    for (const app of ['console', 'portal'] as const) {
      const doc = (await desk[app].http.get('/api/docs-json')).body as {
        paths: Record<
          string,
          Record<
            string,
            {
              requestBody?: { content?: Record<string, { schema: Schema }> };
              parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
            }
          >
        >;
        components?: { schemas?: Record<string, Schema> };
      };
      docs[app] = doc;
      for (const [path, methods] of Object.entries(doc.paths)) {
        // Signing out would leave the rest of the run without a session; the clock moves every app's time.
        if (path.includes('testing/clock') || path.endsWith('/logout')) {
          continue;
        }
        for (const [method, op] of Object.entries(methods)) {
          const json = op.requestBody?.content?.['application/json']?.schema ?? null;
          ops.push({
            app,
            method: method as Operation['method'],
            path,
            body: json,
            query: (op.parameters ?? [])
              .filter((p) => p.in === 'query')
              .map((p) => ({ name: p.name, schema: p.schema, required: p.required ?? false })),
          });
        }
      }
    }
  }, 60_000);
  afterAll(() => desk.close());

  /** The rows a refused change must not have touched (the audit log and counters are expected to grow). */
  const footprint = async () =>
    JSON.stringify(
      await desk.ds.query(
        `SELECT (SELECT count(*) FROM request) r, (SELECT count(*) FROM request_event) e, (SELECT count(*) FROM letter) l,
                (SELECT count(*) FROM attachment) a, (SELECT count(*) FROM staff_user) u, (SELECT count(*) FROM staff_role) sr,
                (SELECT count(*) FROM agency) ag, (SELECT count(*) FROM calendar_day) cd, (SELECT count(*) FROM remedy_case) rc,
                (SELECT coalesce(sum(version), 0) FROM request) v`,
      ),
    );

  it('should never answer 5xx, always a coded error, and change nothing when it refuses', async () => {
    expect(ops.length).toBeGreaterThan(60);
    const withBody = ops.filter((o) => o.body);
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(ops.length - 1),
        fc.nat(),
        BAD,
        BAD_PATH,
        fc.constantFrom('body', 'body', 'body', 'query', 'path', 'cookie'),
        async (i, pick, bad, badPath, where) => {
          const op = where === 'body' ? withBody[i % withBody.length] : ops[i];
          const doc = docs[op.app];
          let path = op.path.replace(/\{[^}]+\}/g, UUID);
          const body = op.body ? (valid(op.body, doc) as Record<string, unknown>) : undefined;
          const query: Record<string, unknown> = {};
          for (const q of op.query) {
            query[q.name] = valid(q.schema, doc);
          }
          if (where === 'body' && body && typeof body === 'object') {
            const keys = Object.keys(body);
            if (keys.length) {
              body[keys[pick % keys.length]] = bad;
            }
          } else if (where === 'query' && op.query.length) {
            query[op.query[pick % op.query.length].name] =
              typeof bad === 'string' ? bad : JSON.stringify(bad);
          } else if (where === 'path') {
            const params = op.path.match(/\{[^}]+\}/g) ?? [];
            if (params.length) {
              const n = pick % params.length;
              let k = 0;
              path = op.path.replace(/\{[^}]+\}/g, () => (k++ === n ? badPath : UUID));
            }
          }
          const who = op.app === 'portal' ? desk.as.citizen : desk.as.officehead;
          const before = await footprint();
          let req = desk[op.app].http[op.method](path).query(query as Record<string, string>);
          req =
            where === 'cookie'
              ? req.set('Cookie', `gk_staff=%%%${badPath}; gk_citizen=%E0%A4%A`)
              : req.set(who);
          const res = body !== undefined ? await req.send(body) : await req;
          seen.add(`${op.method.toUpperCase()} ${op.path}`);
          expect([op.method, op.path, where, res.status]).toEqual([
            op.method,
            op.path,
            where,
            expect.any(Number),
          ]);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400 && (res.headers['content-type'] ?? '').includes('json')) {
            expect(typeof (res.body as { code?: unknown }).code).toBe('string');
          }
          if (res.status >= 400 && op.method !== 'get') {
            expect(await footprint()).toBe(before);
          }
        },
      ),
      { numRuns: 400, seed: 20261202 },
    );
    expect(seen.size).toBeGreaterThan(40);
  }, 300_000);
});
