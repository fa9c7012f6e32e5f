// The build compiles TypeScript only; the page templates and static files are copied beside it.
import { cpSync, existsSync } from 'node:fs';

const folders = [
  'libs/web/views',
  'libs/web/assets',
  'apps/portal/views',
  'apps/portal/assets',
  'apps/console/views',
  'apps/console/assets',
];
for (const folder of folders) {
  if (existsSync(folder)) {
    cpSync(folder, `dist/${folder}`, { recursive: true });
  }
}
