// Fault test of `npm start` under load: citizens keep applying online (each application with its own
// Idempotency-Key, retried with the same key until it is acknowledged) while the embedded PostgreSQL is
// killed with SIGKILL. The launcher restarts it; every acknowledged application is then found with its
// number and its acknowledgement letter, no key made two requests, the numbers stay gap-free, and the
// apps answered 503 (never 500) while the database was down. Local addresses only, bounded in time.
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  Client,
  DEMO_PASSWORD,
  checks,
  dataDirFor,
  health,
  json,
  launch,
  ports,
  postgresProcesses,
  sleep,
  waitFor,
} from './support.mjs';

const dataDir = dataDirFor('fault');
const { check, finish } = checks('smoke-fault');
const CLIENTS = 8;

console.log('fault test (npm start, PostgreSQL killed under load)');
let system;
try {
  const p = await ports();
  system = launch(dataDir, { ...p, API_RATE_LIMITS: 'off' });
  check('the system starts', await waitFor(system, 'Gongkai is up'), system.output.slice(-2000));
  const portal = p.PORTAL_PORT;
  const login = await json(portal, '/api/portal/auth/login', {
    method: 'POST',
    body: JSON.stringify({ login: '13800000001', password: DEMO_PASSWORD }),
  });
  const auth = { Authorization: `Bearer ${login.body?.token}` };
  const agencyId = (await json(portal, '/api/portal/agencies')).body?.[0]?.id;
  const body = (n) =>
    JSON.stringify({
      agencyId,
      applicantType: 'natural_person',
      applicant: { name: '张先生', idType: 'resident_id', idNumber: '11010519491231002X' },
      phone: '13800000001',
      items: [{ description: `故障测试第 ${n} 件：示范区 2025 年财政预算` }],
      formOfProvision: 'electronic',
      deliveryChannel: 'online',
    });

  const acknowledged = new Map(); // key → { id, number, letterId }
  const statuses = new Map(); // status → count
  let stop = false;
  let sent = 0;
  /** One application: sent with its key until acknowledged (or the test's time is up). */
  async function apply(deadline) {
    const key = randomUUID();
    const payload = body(++sent);
    while (Date.now() < deadline) {
      const res = await json(portal, '/api/portal/requests', {
        method: 'POST',
        headers: { ...auth, 'Idempotency-Key': key },
        body: payload,
      }).catch(() => ({ status: 0, body: null }));
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 201 || res.status === 200) {
        const earlier = acknowledged.get(key);
        if (earlier && earlier.id !== res.body.id) {
          acknowledged.set(`${key}:second`, res.body);
        }
        acknowledged.set(key, {
          id: res.body.id,
          number: res.body.number,
          letterId: res.body.acknowledgement?.letterId,
        });
        // A retry of an acknowledged key (a client that missed the answer) must answer the same request.
        if (Math.random() < 0.2) {
          continue;
        }
        return;
      }
      await sleep(res.status === 503 ? 200 : 50);
    }
  }
  const load = Array.from({ length: CLIENTS }, async () => {
    while (!stop) {
      await apply(Date.now() + 60_000);
    }
  });

  await sleep(2000);
  const before = acknowledged.size;
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGKILL');
  let saw503 = false;
  let saw500 = false;
  const watch = (async () => {
    while (!stop) {
      const res = await fetch(`http://127.0.0.1:${portal}/health`).catch(() => null);
      if (res?.status === 503) {
        saw503 = true;
      }
      if (res?.status === 500) {
        saw500 = true;
      }
      await sleep(100);
    }
  })();
  const restarted = await waitFor(system, 'embedded PostgreSQL restarted', 60_000);
  check('the launcher restarts the killed PostgreSQL', restarted, system.output.slice(-1500));
  for (let i = 0; i < 100 && (await health(portal)) !== 'ok'; i++) {
    await sleep(200);
  }
  await sleep(3000);
  stop = true;
  await Promise.all([...load, watch]);
  check(
    `applications were acknowledged before and after the kill (${before} → ${acknowledged.size})`,
    before > 0 && acknowledged.size > before,
  );
  check('/health answered 503 while the database was down', saw503);
  const errors = () =>
    ['portal', 'console']
      .flatMap((app) => readFileSync(join(dataDir, 'logs', `${app}.log`), 'utf8').split('\n'))
      .filter((l) => /"level":50/.test(l))
      .slice(-3)
      .join('\n');
  check(
    'no answer was 500 (503 with Retry-After while down)',
    !saw500 && !statuses.has(500),
    `${JSON.stringify(Object.fromEntries(statuses))}\n${!saw500 && !statuses.has(500) ? '' : errors()}`,
  );
  check(
    'a retry with the same key never made a second request',
    [...acknowledged.keys()].every((k) => !k.endsWith(':second')),
  );

  // Every acknowledged application is there, with its number and its acknowledgement letter.
  let found = 0;
  let letters = 0;
  for (const a of acknowledged.values()) {
    const detail = await json(portal, `/api/portal/requests/${a.id}`, { headers: auth });
    if (detail.status === 200 && detail.body.number === a.number) {
      found++;
    }
    const letter = await fetch(
      `http://127.0.0.1:${portal}/api/portal/requests/${a.id}/letters/${a.letterId}`,
      {
        headers: auth,
      },
    );
    if (letter.status === 200 && (await letter.text()).includes('接收回执')) {
      letters++;
    }
  }
  check(
    `every acknowledged application is found with its number (${found}/${acknowledged.size})`,
    found === acknowledged.size,
  );
  check(
    `each has its acknowledgement letter (${letters}/${acknowledged.size})`,
    letters === acknowledged.size,
  );

  const pgPort = /embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(system.output)?.[1];
  const db = new Client({ connectionString: `postgres://gongkai:gongkai@127.0.0.1:${pgPort}/gongkai` });
  await db.connect();
  const { rows } = await db.query(
    `SELECT seq FROM request WHERE agency_id = $1 AND year = extract(year FROM now())::int ORDER BY seq`,
    [agencyId],
  );
  const seqs = rows.map((r) => Number(r.seq));
  check(
    `the numbers stay gap-free (${seqs.length} requests, 1…${seqs.at(-1)})`,
    seqs.every((s, i) => s === i + 1),
    seqs.join(','),
  );
  const { rows: dup } = await db.query(
    `SELECT count(*)::int AS n FROM request r WHERE r.id = ANY($1::uuid[])`,
    [[...acknowledged.values()].map((a) => a.id)],
  );
  const { rows: mine } = await db.query(
    `SELECT count(*)::int AS n FROM request_item WHERE description LIKE '故障测试%'`,
  );
  check(
    `requests made = applications acknowledged (${mine[0].n} = ${acknowledged.size}, or one more in flight at the stop)`,
    dup[0].n === acknowledged.size &&
      mine[0].n >= acknowledged.size &&
      mine[0].n <= acknowledged.size + CLIENTS,
  );
  await db.end();
} catch (err) {
  check('fault test ran to the end', false, String(err?.stack ?? err));
} finally {
  if (system && system.exitCode === null) {
    system.kill('SIGINT');
    await system.exited;
  }
  check('nothing is left running', postgresProcesses(dataDir) === '', postgresProcesses(dataDir));
  rmSync(dataDir, { recursive: true, force: true });
}
finish();
