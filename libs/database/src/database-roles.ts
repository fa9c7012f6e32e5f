import { Client } from 'pg';

/**
 * Two database roles (docs/operations.md "Database roles"): the owner, which runs the migrations and owns
 * every table, and the apps' role, which reads and writes rows but owns nothing — so it can neither drop
 * nor disable a trigger, nor alter or truncate a table. On the append-only records (the audit log,
 * letters, case files, imported ledger rows, published report snapshots) it may only insert and read;
 * of the audit log it may update nothing but the chain link the sequencer sets once.
 */

/** Records that are written once and never changed (their triggers refuse it too). */
export const APPEND_ONLY_TABLES = [
  'audit_log',
  'letter',
  'case_file',
  'ledger_entry',
  'report_snapshot',
  'personal_data_erasure',
] as const;
/** The one update the apps make to the audit log: the sequencer's link of a row that has none. */
const AUDIT_LINK_COLUMNS = ['seq', 'prev_hash', 'hash'];

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function roleName(role: string): string {
  if (!ROLE_NAME.test(role)) {
    throw new Error(`APP_DB_ROLE: "${role}" should be a lower-case PostgreSQL name (letters, digits, _)`);
  }
  return `"${role}"`;
}

async function asOwner<T>(ownerUrl: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the apps' login role if it does not exist (or sets its password): no superuser, no database
 * or role creation, no row-level-security bypass. Needs a role that may create roles.
 */
export function ensureAppRole(ownerUrl: string, role: string, password: string): Promise<void> {
  const name = roleName(role);
  return asOwner(ownerUrl, async (c) => {
    const { rows } = await c.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1',
      [role],
    );
    const literal = (await c.query<{ q: string }>('SELECT quote_literal($1) AS q', [password])).rows[0].q;
    const attributes = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';
    await c.query(
      rows[0].n === 0
        ? `CREATE ROLE ${name} ${attributes} PASSWORD ${literal}`
        : `ALTER ROLE ${name} ${attributes} PASSWORD ${literal}`,
    );
  });
}

/**
 * What the apps' role may do, granted by the owner after every migration (new tables included): rows of
 * every table, the append-only records insert and read only, the migrations table read only.
 */
export function grantAppRole(ownerUrl: string, role: string): Promise<void> {
  const name = roleName(role);
  return asOwner(ownerUrl, async (c) => {
    const db = (await c.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
    await c.query('BEGIN');
    await c.query(`GRANT CONNECT ON DATABASE "${db.replace(/"/g, '""')}" TO ${name}`);
    // Nobody but the owner creates objects in the schema (PostgreSQL before 15 let everyone).
    await c.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await c.query(`REVOKE CREATE ON SCHEMA public FROM ${name}`);
    await c.query(`GRANT USAGE ON SCHEMA public TO ${name}`);
    await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${name}`);
    await c.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${name}`);
    for (const table of APPEND_ONLY_TABLES) {
      await c.query(`REVOKE UPDATE, DELETE ON "${table}" FROM ${name}`);
    }
    // A data key is re-wrapped or shredded, never deleted (its trigger refuses a return too).
    await c.query(`REVOKE DELETE ON "data_key" FROM ${name}`);
    await c.query(
      `GRANT UPDATE (${AUDIT_LINK_COLUMNS.map((col) => `"${col}"`).join(', ')}) ON "audit_log" TO ${name}`,
    );
    await c.query(`REVOKE INSERT, UPDATE, DELETE ON "migrations" FROM ${name}`);
    await c.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${name}`);
    await c.query('COMMIT');
  });
}

/** The same database reached as another role. */
export function urlAs(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * Whether the connected role could rewrite history: a superuser, or the owner of the audit log (who can
 * switch its triggers off). Production apps refuse to start as such a role.
 */
export async function roleCanRewriteAudit(
  query: (sql: string) => Promise<{ superuser: boolean; owner: boolean }[]>,
): Promise<{ superuser: boolean; owner: boolean }> {
  const [row] = await query(
    `SELECT r.rolsuper AS superuser,
            pg_has_role(current_user, t.tableowner, 'USAGE') AS owner
       FROM pg_roles r, pg_tables t
      WHERE r.rolname = current_user AND t.schemaname = 'public' AND t.tablename = 'audit_log'`,
  );
  return row ?? { superuser: false, owner: false };
}
