import 'reflect-metadata';
import { loadAppConfig, startHttpApp } from '@gongkai/core/platform';
import { ConsoleModule } from './console.module';

async function main(): Promise<void> {
  const config = loadAppConfig();
  await startHttpApp(ConsoleModule.forRoot(config), config, config.consolePort, {
    title: 'Gongkai console API (公开 · 工作台)',
    description:
      'Staff API for the government intranet: registration, handling, review, sign-off, reports, administration.',
    docs: config.apiDocsEnabled,
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
