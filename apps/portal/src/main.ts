import 'reflect-metadata';
import { loadAppConfig, startHttpApp } from '@gongkai/core/platform';
import { PortalModule } from './portal.module';

async function main(): Promise<void> {
  const config = loadAppConfig();
  await startHttpApp(PortalModule.forRoot(config), config, config.portalPort, {
    title: 'Gongkai portal API (公开 · 申请人门户)',
    description: 'Citizen-facing API: online application, tracking, letters, public calendar.',
    docs: config.apiDocsEnabled,
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
