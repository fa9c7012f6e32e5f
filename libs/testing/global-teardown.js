module.exports = async function globalTeardown() {
  const child = globalThis.__GONGKAI_DB_SERVER__;
  if (!child || child.exitCode !== null) {
    return;
  }
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
};
