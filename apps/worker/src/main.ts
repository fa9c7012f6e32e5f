import 'reflect-metadata';
import { loadAppConfig, startHttpApp } from '@gongkai/core/platform';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadAppConfig();
  await startHttpApp(WorkerModule.forRoot(config), config, config.workerPort, {
    title: 'Gongkai worker',
    description: 'Health of the worker.',
    docs: false,
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
