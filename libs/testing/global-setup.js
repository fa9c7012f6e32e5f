// Jest global setup: starts the test run's PostgreSQL in a process of its own (Jest's module
// hooks would otherwise compile Nest's ES modules for this process too) and passes its URL to
// the test workers through the environment.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  const child = spawn(process.execPath, [join(__dirname, 'db-server.js')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  globalThis.__GONGKAI_DB_SERVER__ = child;
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) {
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`test database server exited (${code}): ${out}`)));
  });
  process.env.GONGKAI_TEST_SERVER_URL = url;
};
