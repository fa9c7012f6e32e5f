// The test run's PostgreSQL process (see src/test-server.ts), started by global-setup.js.
require('./register').register();
require('./src/test-server.ts')
  .main()
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
