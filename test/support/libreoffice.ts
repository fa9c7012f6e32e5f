import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';

/** Printed pages drawn as PNG go with the browser screenshots (git-ignored). */
const SCREENSHOTS = resolve(__dirname, '..', '..', '.screenshots');

/** Where LibreOffice is installed, or null (print tests are then skipped with a printed reason). */
export function sofficePath(): string | null {
  for (const candidate of ['soffice', 'libreoffice']) {
    const found = spawnSync('sh', ['-c', `command -v ${candidate}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) {
      return found.stdout.trim();
    }
  }
  return null;
}

export interface PdfPage {
  width: number;
  height: number;
  text: string;
}

/** Converts a file (XLSX, DOCX) to PDF with LibreOffice and reads its pages back (drawn as `look`-n.png). */
export function printToPdf(soffice: string, bytes: Buffer, fileName: string, look?: string): PdfPage[] {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-print-'));
  try {
    const input = join(dir, fileName);
    writeFileSync(input, bytes);
    execFileSync(
      soffice,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        input,
      ],
      { timeout: 120_000, stdio: 'pipe' },
    );
    const pdf = join(dir, `${basename(fileName, extname(fileName))}.pdf`);
    const images = look ? [join(SCREENSHOTS, look)] : [];
    if (look) {
      mkdirSync(SCREENSHOTS, { recursive: true });
    }
    const out = execFileSync(process.execPath, [join(__dirname, 'pdf-text.mjs'), pdf, ...images], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    return JSON.parse(out) as PdfPage[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A4 in points, either way round. */
export const isA4 = (p: PdfPage) =>
  (Math.abs(p.width - 595) <= 2 && Math.abs(p.height - 842) <= 2) ||
  (Math.abs(p.width - 842) <= 2 && Math.abs(p.height - 595) <= 2);
