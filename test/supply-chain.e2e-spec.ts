import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** Runs the production audit against a stand-in `npm` that answers `stdout` and exits with `code`. */
function audit(stdout: string, code: number): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-npm-'));
  try {
    writeFileSync(join(dir, 'answer.json'), stdout);
    const npm = join(dir, 'npm');
    writeFileSync(npm, `#!/bin/sh\ncat "${join(dir, 'answer.json')}"\nexit ${code}\n`);
    chmodSync(npm, 0o755);
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'audit-production.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    });
    return { status: run.status, out: run.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Supply chain: known high-severity advisories fail the build; the image runs no install scripts. */
describe('supply chain', () => {
  it('should fail on a high-severity advisory in a production dependency', () => {
    const report = {
      vulnerabilities: { 'some-lib': { severity: 'high', range: '<1.2.3' } },
      metadata: { vulnerabilities: { critical: 0, high: 1, moderate: 0, low: 0 } },
    };
    const r = audit(JSON.stringify(report), 1);
    expect(r.status).toBe(1);
    expect(r.out).toContain('high: some-lib');
  });

  it('should pass a clean report, and say so when the advisory service does not answer', () => {
    const clean = {
      vulnerabilities: {},
      metadata: { vulnerabilities: { critical: 0, high: 0, moderate: 2, low: 0 } },
    };
    expect(audit(JSON.stringify(clean), 0).status).toBe(0);
    const silent = audit(JSON.stringify({ error: { summary: 'audit endpoint returned an error' } }), 1);
    expect(silent.status).toBe(0);
    expect(silent.out).toContain('NOT checked');
  });

  it('should install without running install scripts in every stage of the Docker build', () => {
    const lines = readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8')
      .split('\n')
      .filter((l) => /\bnpm (ci|install)\b/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(l).toContain('--ignore-scripts');
    }
  });
});
