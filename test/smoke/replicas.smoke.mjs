// Replica test of `npm start -- --replicas`: portal ×2, console ×2 and worker ×3 on one PostgreSQL, the
// portal's and console's replicas behind the launcher's reverse proxy. Under a load of online
// applications (each with its Idempotency-Key, retried until acknowledged) one replica of each app is
// killed with SIGKILL. No acknowledged submission is lost and no key makes two requests, a staff session
// opened before stays valid on whichever console replica answers, the launcher starts the killed replicas
// again, and the worker's reminders and termination proposals happen exactly once.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  Client,
  DEMO_PASSWORD,
  appProcesses,
  checks,
  dataDirFor,
  json,
  launch,
  ports,
  postgresProcesses,
  sleep,
  waitFor,
} from './support.mjs';

const dataDir = dataDirFor('replicas');
const { check, finish } = checks('smoke-replicas');

console.log('replica test (npm start -- --replicas: portal ×2, console ×2, worker ×3)');
let system;
let db;
try {
  const p = await ports();
  system = launch(dataDir, { ...p, API_RATE_LIMITS: 'off', SECOND_FACTOR: 'off' }, ['--replicas']);
  check(
    'the replicas start behind the proxy',
    await waitFor(system, 'Gongkai is up'),
    system.output.slice(-2000),
  );
  check(
    'portal ×2, console ×2, worker ×3 are running',
    appProcesses(system, 'portal').length === 2 &&
      appProcesses(system, 'console').length === 2 &&
      appProcesses(system, 'worker').length === 3,
  );
  const portal = p.PORTAL_PORT;
  const consolePort = p.CONSOLE_PORT;
  const pgPort = /embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(system.output)?.[1];
  db = new Client({ connectionString: `postgres://gongkai:gongkai@127.0.0.1:${pgPort}/gongkai` });
  await db.connect();

  const signIn = async (port, app, login) =>
    (
      await json(port, `/api/${app}/auth/login`, {
        method: 'POST',
        body: JSON.stringify({ login, password: DEMO_PASSWORD }),
      })
    ).body?.token;
  const as = async (login) => ({ Authorization: `Bearer ${await signIn(consolePort, 'console', login)}` });
  let citizen = { Authorization: `Bearer ${await signIn(portal, 'portal', '13800000001')}` };
  const agencyId = (await json(portal, '/api/portal/agencies')).body?.[0]?.id;
  let sent = 0;
  const application = () =>
    JSON.stringify({
      agencyId,
      applicantType: 'natural_person',
      applicant: { name: '张先生', idType: 'resident_id', idNumber: '11010519491231002X' },
      phone: '13800000001',
      items: [{ description: `多副本测试第 ${++sent} 件：示范区 2025 年财政预算` }],
      formOfProvision: 'electronic',
      deliveryChannel: 'online',
    });
  const applyOnce = async () => {
    const res = await json(portal, '/api/portal/requests', {
      method: 'POST',
      headers: { ...citizen, 'Idempotency-Key': randomUUID() },
      body: application(),
    });
    return res.body;
  };

  // Requests for the worker: some to be due soon, some whose correction period will have run out.
  const dueSoon = [];
  for (let i = 0; i < 4; i++) {
    dueSoon.push(await applyOnce());
  }
  let handler = await as('handler');
  const corrected = [];
  for (let i = 0; i < 3; i++) {
    const r = await applyOnce();
    await json(consolePort, `/api/console/requests/${r.id}/claim`, {
      method: 'POST',
      headers: handler,
      body: '{}',
    });
    const notice = await json(consolePort, `/api/console/requests/${r.id}/issue-correction-notice`, {
      method: 'POST',
      headers: handler,
      body: JSON.stringify({ defects: ['请写明所需信息的年份'], periodWorkingDays: 1 }),
    });
    check(`correction notice ${i + 1} issued`, notice.status === 200, JSON.stringify(notice.body));
    corrected.push(r);
  }
  // The deployment's clock moves to the day before the first reply is due: reminders and proposals are due.
  const [{ due }] = (
    await db.query(`SELECT min(reply_due)::text AS due FROM request WHERE id = ANY($1::uuid[])`, [
      dueSoon.map((r) => r.id),
    ])
  ).rows;
  const moveTo = new Date(`${due}T09:00:00+08:00`);
  moveTo.setUTCDate(moveTo.getUTCDate() - 1);
  const moved = await json(consolePort, '/api/console/testing/clock', {
    method: 'PUT',
    headers: await as('sysadmin'),
    body: JSON.stringify({ now: moveTo.toISOString().replace('Z', '+00:00') }),
  });
  check('the clock of the whole deployment moves', moved.status === 200, JSON.stringify(moved.body));
  await sleep(1500);
  citizen = { Authorization: `Bearer ${await signIn(portal, 'portal', '13800000001')}` };
  handler = await as('handler');
  const head = await as('officehead');

  // Load: clients apply with their own keys, retrying each until acknowledged.
  const acknowledged = new Map();
  const statuses = new Map();
  let stop = false;
  const client = async () => {
    while (!stop) {
      const key = randomUUID();
      const body = application();
      for (let attempt = 0; attempt < 200; attempt++) {
        const res = await json(portal, '/api/portal/requests', {
          method: 'POST',
          headers: { ...citizen, 'Idempotency-Key': key },
          body,
        }).catch(() => ({ status: 0, body: null }));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 201 || res.status === 200) {
          const earlier = acknowledged.get(key);
          acknowledged.set(key, res.body);
          if (earlier && earlier.id !== res.body.id) {
            acknowledged.set(`${key}:second`, res.body);
          }
          break;
        }
        await sleep(100);
      }
    }
  };
  const load = Array.from({ length: 6 }, client);
  await sleep(3000);
  const before = acknowledged.size;
  const victims = {
    portal: appProcesses(system, 'portal')[0],
    console: appProcesses(system, 'console')[0],
    worker: appProcesses(system, 'worker')[0],
  };
  for (const pid of Object.values(victims)) {
    process.kill(pid, 'SIGKILL');
  }
  // The staff session opened before stays valid on whichever console replica answers.
  let sessionOk = 0;
  for (let i = 0; i < 10; i++) {
    const res = await json(consolePort, '/api/console/requests?queue=all', { headers: head }).catch(() => ({
      status: 0,
    }));
    sessionOk += res.status === 200 ? 1 : 0;
    await sleep(100);
  }
  check(`the office head's session stays valid through the kill (${sessionOk}/10 answers)`, sessionOk === 10);
  // The lockout is counted in the database: wrong passwords spread over both console replicas by the proxy
  // lock the name after five, whichever replica answers.
  const wrong = [];
  for (let i = 0; i < 6; i++) {
    wrong.push(
      (
        await json(consolePort, '/api/console/auth/login', {
          method: 'POST',
          body: JSON.stringify({ login: 'registrar', password: 'not-the-password' }),
        })
      ).body?.code,
    );
  }
  check(
    'five wrong passwords over both replicas lock the name',
    wrong.slice(0, 5).every((c) => c === 'AUTH.INVALID_CREDENTIALS') && wrong[5] === 'AUTH.LOCKED',
    wrong.join(', '),
  );
  const restarted = await waitFor(system, 'worker #1 is back', 60_000);
  await waitFor(system, 'portal #1 is back', 30_000);
  await waitFor(system, 'console #1 is back', 30_000);
  check(
    'the launcher starts the killed replicas again',
    restarted && /portal #1 is back/.test(system.output) && /console #1 is back/.test(system.output),
    system.output.slice(-1200),
  );
  await sleep(3000);
  stop = true;
  await Promise.all(load);
  check(
    `applications went on through the kill (${before} → ${acknowledged.size})`,
    before > 0 && acknowledged.size > before,
  );
  check('no answer was 500', !statuses.has(500), JSON.stringify(Object.fromEntries(statuses)));
  check(
    'no key made two requests',
    [...acknowledged.keys()].every((k) => !k.endsWith(':second')),
  );
  const ids = [...acknowledged.values()].map((a) => a.id);
  const { rows: found } = await db.query(
    `SELECT count(*)::int AS n FROM request WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  check(`every acknowledged application is stored (${found[0].n}/${ids.length})`, found[0].n === ids.length);
  const { rows: made } = await db.query(
    `SELECT count(*)::int AS n FROM request_item WHERE description LIKE '多副本测试%'`,
  );
  check(
    `requests stored = applications (${made[0].n} = ${ids.length + dueSoon.length + corrected.length})`,
    made[0].n === ids.length + dueSoon.length + corrected.length,
  );
  const { rows: seqs } = await db.query(`SELECT seq FROM request WHERE agency_id = $1 ORDER BY year, seq`, [
    agencyId,
  ]);
  check(
    'numbers stay gap-free',
    seqs.every((r, i) => Number(r.seq) === i + 1),
  );

  // The worker's sweep runs every minute on each of the three replicas: each item handled once.
  const expect = dueSoon.length + corrected.length;
  let claims = 0;
  for (let i = 0; i < 150 && claims < expect; i++) {
    await sleep(1000);
    claims = (
      await db.query(
        `SELECT count(*)::int AS n FROM job_run WHERE (job = 'due-soon' AND item = ANY($1::text[]))
            OR (job = 'propose-termination' AND item = ANY($2::text[]))`,
        [dueSoon.map((r) => r.id), corrected.map((r) => r.id)],
      )
    ).rows[0].n;
  }
  check(`every reminder and proposal was made (${claims}/${expect})`, claims === expect);
  const { rows: proposals } = await db.query(
    `SELECT request_id, count(*)::int AS n FROM request_event WHERE type = 'termination_proposed' AND request_id = ANY($1::uuid[]) GROUP BY request_id`,
    [corrected.map((r) => r.id)],
  );
  check(
    'each termination proposal exactly once',
    proposals.length === corrected.length && proposals.every((r) => r.n === 1),
    JSON.stringify(proposals),
  );
  const { rows: reminders } = await db.query(
    `SELECT request_id, recipient_id, channel, count(*)::int AS n FROM notification
      WHERE request_id = ANY($1::uuid[]) AND subject LIKE '%到期%' GROUP BY 1, 2, 3`,
    [dueSoon.map((r) => r.id)],
  );
  check(
    'each reminder exactly once per person',
    reminders.length >= dueSoon.length && reminders.every((r) => r.n === 1),
    JSON.stringify(reminders),
  );
} catch (err) {
  check('replica test ran to the end', false, String(err?.stack ?? err));
} finally {
  await db?.end().catch(() => undefined);
  if (system && system.exitCode === null) {
    system.kill('SIGINT');
    await system.exited;
  }
  check('nothing is left running', postgresProcesses(dataDir) === '', postgresProcesses(dataDir));
  rmSync(dataDir, { recursive: true, force: true });
}
finish();
