// Smoke test of `npm start` itself (the compiled launcher in dist/): it starts the whole system on
// an embedded PostgreSQL, refuses a locked data directory and a busy port with clear messages,
// stops cleanly on Ctrl-C leaving no process behind, reuses its data on the next start, and restarts
// its PostgreSQL when that is killed (the apps answering 503 meanwhile and reconnecting).
// Runs as plain Node (no Jest): the launcher is exercised exactly as a user runs it.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  checks,
  dataDirFor,
  health,
  json,
  launch as launchIn,
  ports,
  postgresProcesses as postgresIn,
  waitFor,
} from './support.mjs';

const dataDir = dataDirFor('smoke');
const { check, finish } = checks('smoke');
const launch = (env) => launchIn(dataDir, env);
const postgresProcesses = () => postgresIn(dataDir);

console.log('launcher smoke test (npm start)');
try {
  const p1 = await ports();
  const first = launch(p1);
  const up = await waitFor(first, 'Gongkai is up');
  check('starts portal, console and worker on an embedded PostgreSQL', up, first.output.slice(-2000));
  for (const [app, port] of [
    ['portal', p1.PORTAL_PORT],
    ['console', p1.CONSOLE_PORT],
    ['worker', p1.WORKER_PORT],
  ]) {
    check(`GET /health on the ${app} answers "ok"`, (await health(port)) === 'ok');
  }
  check(
    'prints the demo accounts',
    first.output.includes('registrar') && first.output.includes('Gongkai#Demo2026'),
  );
  const citizen = await json(p1.PORTAL_PORT, '/api/portal/auth/login', {
    method: 'POST',
    body: JSON.stringify({ login: '13800000001', password: 'Gongkai#Demo2026' }),
  });
  const agencies = await json(p1.PORTAL_PORT, '/api/portal/agencies');
  const applied = await json(p1.PORTAL_PORT, '/api/portal/requests', {
    method: 'POST',
    headers: { Authorization: `Bearer ${citizen.body?.token}` },
    body: JSON.stringify({
      agencyId: agencies.body?.[0]?.id,
      applicantType: 'natural_person',
      applicant: { name: '张先生', idType: 'resident_id', idNumber: '11010519491231002X' },
      phone: '13800000001',
      items: [{ description: '冒烟测试：示范区 2025 年财政预算' }],
      formOfProvision: 'electronic',
      deliveryChannel: 'online',
    }),
  });
  check(
    'the demo citizen applies online and gets a number',
    applied.status === 201 && /依申/.test(applied.body?.number ?? ''),
    JSON.stringify(applied.body),
  );
  const staff = await json(p1.CONSOLE_PORT, '/api/console/auth/login', {
    method: 'POST',
    body: JSON.stringify({ login: 'registrar', password: 'Gongkai#Demo2026' }),
  });
  const worklist = await json(p1.CONSOLE_PORT, '/api/console/requests?queue=unassigned', {
    headers: { Authorization: `Bearer ${staff.body?.token}` },
  });
  check(
    'the demo registrar sees it in the unassigned worklist',
    worklist.status === 200 && worklist.body.rows.some((r) => r.id === applied.body?.id),
    JSON.stringify(worklist.body).slice(0, 500),
  );
  check('prints the URLs of the apps', first.output.includes(`http://localhost:${p1.PORTAL_PORT}`));
  check(
    "prints a concise start-up, the apps' logs in files",
    first.output.trim().split('\n').length < 60 &&
      ['portal', 'console', 'worker'].every((app) => existsSync(join(dataDir, 'logs', `${app}.log`))),
    `${first.output.trim().split('\n').length} lines`,
  );

  // kill -9 the embedded PostgreSQL: the launcher restarts it and the apps reconnect by themselves.
  const postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(postmaster, 'SIGKILL');
  const down = await json(p1.CONSOLE_PORT, '/api/console/requests?queue=unassigned', {
    headers: { Authorization: `Bearer ${staff.body?.token}` },
  }).catch(() => ({ status: 0 }));
  check(
    'an API call as PostgreSQL goes down answers 503 (or 200 just before), never 500',
    [503, 200].includes(down.status),
    `status ${down.status}`,
  );
  const restarted = await waitFor(first, 'embedded PostgreSQL restarted', 90_000);
  check(
    'the launcher restarts a killed PostgreSQL on the same port and data',
    restarted,
    first.output.slice(-1500),
  );
  let back = null;
  for (let i = 0; i < 60 && back?.status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 500));
    back = await json(p1.CONSOLE_PORT, '/api/console/requests?queue=unassigned', {
      headers: { Authorization: `Bearer ${staff.body?.token}` },
    }).catch(() => null);
  }
  check(
    'the apps reconnect: the worklist answers again with the request',
    back?.status === 200 && back.body.rows.some((r) => r.id === applied.body?.id),
    JSON.stringify(back?.body ?? null).slice(0, 300),
  );

  const second = launch(await ports());
  const secondCode = await second.exited;
  check(
    'refuses a data directory locked by a running server',
    secondCode === 1 && /locked by a running PostgreSQL/.test(second.output),
    second.output,
  );

  const busy = launch({ ...(await ports()), PORTAL_PORT: p1.PORTAL_PORT });
  const busyCode = await busy.exited;
  check(
    'refuses a busy port with a clear message',
    busyCode === 1 && /Port \d+ for the portal is busy/.test(busy.output),
    busy.output,
  );

  first.kill('SIGINT');
  const firstCode = await first.exited;
  check('Ctrl-C stops everything with exit code 0', firstCode === 0, `exit ${firstCode}`);
  check('no PostgreSQL process is left behind', postgresProcesses() === '', postgresProcesses());
  check(
    'no app is left listening',
    (await health(p1.PORTAL_PORT)) === 'unreachable' && (await health(p1.WORKER_PORT)) === 'unreachable',
  );

  const again = launch(await ports());
  const upAgain = await waitFor(again, 'Gongkai is up');
  check(
    'a second start reuses the data',
    upAgain &&
      again.output.includes('database gongkai reused') &&
      again.output.includes('migrations are current'),
    again.output.slice(-2000),
  );
  again.kill('SIGINT');
  await again.exited;
  check('the second run also leaves nothing behind', postgresProcesses() === '');
} catch (err) {
  check('smoke test ran to the end', false, String(err?.stack ?? err));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
finish();
