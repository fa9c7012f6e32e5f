#!/usr/bin/env node
// Fails on known high or critical vulnerabilities in the production dependencies, where the
// registry's advisory service answers; where it does not, says so and passes (see README).
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
  encoding: 'utf8',
  timeout: 120_000,
});
function parsed(text) {
  try {
    return JSON.parse(text || 'null');
  } catch {
    return null;
  }
}
const report = parsed(run.stdout);
const meta = report?.metadata?.vulnerabilities;
if (!meta) {
  const why =
    (run.stderr || report?.error?.summary || 'no answer').split('\n').find((l) => l.trim()) ?? 'no answer';
  console.log(
    `audit: the advisory service did not answer (${why.trim()}); production dependencies NOT checked`,
  );
  process.exit(0);
}
const serious = (meta.high ?? 0) + (meta.critical ?? 0);
console.log(
  `audit: production dependencies — critical ${meta.critical ?? 0}, high ${meta.high ?? 0}, moderate ${meta.moderate ?? 0}, low ${meta.low ?? 0}`,
);
if (serious > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (v.severity === 'high' || v.severity === 'critical') {
      console.log(`  ${v.severity}: ${name} (${v.range})`);
    }
  }
  process.exit(1);
}
