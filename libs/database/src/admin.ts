import { Client } from 'pg';

/** The same server, database `postgres` (to create or drop other databases). */
export function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Creates database `name` (optionally from a template) unless it exists. */
export async function ensureDatabase(url: string, name: string, template?: string): Promise<boolean> {
  const c = new Client({ connectionString: maintenanceUrl(url) });
  await c.connect();
  try {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) {
      return false;
    }
    const tpl = template ? ` TEMPLATE ${quoteIdent(template)}` : '';
    await c.query(`CREATE DATABASE ${quoteIdent(name)}${tpl} ENCODING 'UTF8'`);
    return true;
  } finally {
    await c.end();
  }
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  const c = new Client({ connectionString: maintenanceUrl(url) });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}
