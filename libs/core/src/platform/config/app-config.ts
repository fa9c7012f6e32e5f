import { join, resolve } from 'node:path';
import { DEFAULT_RETENTION_YEARS, RetentionYears } from '@gongkai/domain';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The validated configuration of a Gongkai process. Every field is documented in the README. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  /** PostgreSQL connection string; absent only when the launcher is to start an embedded server. */
  databaseUrl: string | undefined;
  /** A streaming replica for reads that may be seconds old (analysis, case library search); none: the primary. */
  databaseReadUrl: string | undefined;
  host: string;
  portalPort: number;
  consolePort: number;
  workerPort: number;
  logLevel: LogLevel;
  apiDocsEnabled: boolean;
  /** Whether the testing clock route exists and stored clock overrides are honoured. */
  clockControlEnabled: boolean;
  dataDir: string;
  embeddedPgPort: number;
  demoData: boolean;
  /** Where file bodies live: in PostgreSQL (default) or an S3-compatible object store. */
  fileStore: 'postgres' | 's3';
  s3: {
    endpoint: string;
    bucket: string;
    region: string;
    accessKeyId: string;
    secretAccessKey: string;
  } | null;
  /** Refuse to run as a database role that is a superuser or owns the audit log (on in production). */
  databaseRoleCheck: boolean;
  /** 32-byte key (base64) encrypting personal data at rest; kept outside the database. */
  personalDataKey: Buffer;
  /** The current key's id (stored with every value it encrypts). */
  personalDataKeyId: string;
  /** Earlier keys, by id, kept to read what they encrypted until it is rotated (or erased). */
  previousPersonalDataKeys: Record<string, Buffer>;
  /** AES-256-GCM (default) or SM4 with an HMAC-SM3 tag (国密, for 密评 under GB/T 39786-2021). */
  personalDataCipher: 'aes-256-gcm' | 'sm4';
  /** The key the blind indexes and MACs derive from (stays when the encryption key rotates). */
  personalDataIndexKeyId: string;
  /** Extra breached passwords, one per line (added to the built-in list). */
  breachedPasswordsFile: string | undefined;
  /**
   * Who must sign in with a second factor (TOTP): the three administrators (`admins`, the default),
   * every member of staff (`all`), or nobody (`off`: only the test suite; refused in production).
   */
  secondFactor: 'admins' | 'all' | 'off';
  /** The append-only file the worker copies the audit chain's head to (outside the database). */
  auditHeadFile: string;
  /** Whether the API's `@RateLimit` rules apply (off only in the test suite, where one address does everything). */
  apiRateLimits: boolean;
  /** Express `trust proxy`: how many reverse proxies sit in front (0: none), for client IPs. */
  trustProxyHops: number;
  /** Outgoing e-mail: `smtp://user:pass@host:587` (or smtps://); unset: e-mails are written to the log. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** SMS: `log` (development) or `webhook` (POST JSON to SMS_WEBHOOK_URL, for a gateway adapter). */
  smsProvider: 'log' | 'webhook';
  smsWebhookUrl: string | undefined;
  /** Days before a reply deadline from which handlers get a due-soon reminder. */
  dueSoonWorkingDays: number;
  /**
   * The retention job (docs/security.md "Retention"): `erase` (the default) erases a request's personal
   * data when its file's retention period ends, `report` only lists what is due, `off` does nothing;
   * and how many years the 10-year and 30-year classes keep it.
   */
  retention: { mode: 'erase' | 'report' | 'off'; years: RetentionYears };
  /** How the portal names its deployment in every page's header and footer. */
  site: SiteIdentity;
}

/**
 * The site identity every government website shows (政府网站发展指引): its name and logo, the host
 * agency (主办单位), contacts, the site identification code (网站标识码), the ICP and public-security
 * filing numbers, and the links 网站地图 and 我为政府网站找错.
 */
export interface SiteIdentity {
  name: string;
  /** Path of a logo image served by the app (under /assets), or empty for the built-in emblem. */
  logo: string;
  hostAgency: string;
  contact: string;
  siteCode: string;
  icp: string;
  /** 公安机关备案号 (e.g. 京公网安备 11010502000000号). */
  psb: string;
  /** The national 我为政府网站找错 page for this site. */
  errorReportUrl: string;
}

/**
 * The development key: printed here on purpose, it protects nothing. Production must set
 * PERSONAL_DATA_KEY (the launcher generates one per data directory).
 */
export const DEVELOPMENT_PERSONAL_DATA_KEY = Buffer.alloc(32, 'gongkai-development-only-key!!').toString(
  'base64',
);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置无效 (invalid configuration):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const v = this.raw(name);
    if (v === undefined) {
      return fallback;
    }
    if ((allowed as readonly string[]).includes(v)) {
      return v as T;
    }
    this.problems.push(`${name}: must be one of ${allowed.join(', ')} (got "${v}")`);
    return fallback;
  }

  port(name: string, fallback: number, allowZero = false): number {
    const v = this.raw(name);
    if (v === undefined) {
      return fallback;
    }
    const n = Number(v);
    const min = allowZero ? 0 : 1;
    if (!Number.isInteger(n) || n < min || n > 65535) {
      this.problems.push(`${name}: must be an integer port ${min}–65535 (got "${v}")`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.raw(name);
    if (v === undefined) {
      return fallback;
    }
    if (['true', '1', 'yes', 'on'].includes(v.toLowerCase())) {
      return true;
    }
    if (['false', '0', 'no', 'off'].includes(v.toLowerCase())) {
      return false;
    }
    this.problems.push(`${name}: must be true or false (got "${v}")`);
    return fallback;
  }

  key32(name: string): Buffer | undefined {
    const v = this.raw(name);
    if (v === undefined) {
      return undefined;
    }
    const key = Buffer.from(v, 'base64');
    if (key.length !== 32) {
      this.problems.push(`${name}: must be 32 bytes in base64 (e.g. \`openssl rand -base64 32\`)`);
    }
    return key;
  }

  /** A key id: `k` and a number (k1, k2, …). */
  keyId(name: string, fallback: string): string {
    const v = this.raw(name);
    if (v === undefined) {
      return fallback;
    }
    if (!/^k\d{1,6}$/.test(v)) {
      this.problems.push(`${name}: must be k and a number, e.g. k2`);
    }
    return v;
  }

  /** `k1:<base64>,k2:<base64>`: keys by id, each 32 bytes. */
  keyring(name: string): Record<string, Buffer> {
    const out: Record<string, Buffer> = {};
    for (const part of (this.raw(name) ?? '').split(',').filter((p) => p.trim())) {
      const i = part.indexOf(':');
      const id = part.slice(0, i).trim();
      const key = Buffer.from(part.slice(i + 1).trim(), 'base64');
      if (i < 0 || !/^k\d{1,6}$/.test(id) || key.length !== 32) {
        this.problems.push(`${name}: must be id:key pairs like k1:<32 bytes in base64>, separated by commas`);
        continue;
      }
      out[id] = key;
    }
    return out;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const v = this.raw(name);
    if (v === undefined) {
      return fallback;
    }
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name}: must be an integer ${min}–${max} (got "${v}")`);
      return fallback;
    }
    return n;
  }

  url(name: string): string | undefined {
    const v = this.raw(name);
    if (v === undefined) {
      return undefined;
    }
    try {
      const u = new URL(v);
      if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
        this.problems.push(`${name}: must be a postgres:// or postgresql:// URL`);
      }
    } catch {
      this.problems.push(`${name}: is not a valid URL`);
    }
    return v;
  }
}

/**
 * Reads and validates the configuration from the environment. Every problem is reported at once,
 * so an operator fixes a bad deployment in one go rather than one variable per restart.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const r = new Reader(env);
  const nodeEnv = r.oneOf<NodeEnv>('NODE_ENV', ['development', 'test', 'production'], 'development');
  const production = nodeEnv === 'production';
  const config: AppConfig = {
    nodeEnv,
    databaseUrl: r.url('DATABASE_URL'),
    databaseReadUrl: r.url('DATABASE_READ_URL'),
    // Safe by default: only this machine. Containers and servers set HOST=0.0.0.0 on purpose.
    host: r.raw('HOST') ?? '127.0.0.1',
    portalPort: r.port('PORTAL_PORT', 3000),
    consolePort: r.port('CONSOLE_PORT', 3001),
    workerPort: r.port('WORKER_PORT', 3002),
    logLevel: r.oneOf<LogLevel>(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    apiDocsEnabled: r.bool('API_DOCS_ENABLED', !production),
    // Moving time is a testing and demo facility: off unless asked for (the local demo and the tests
    // ask), and refused outright in production.
    clockControlEnabled: r.bool('CLOCK_CONTROL_ENABLED', nodeEnv === 'test'),
    dataDir: resolve(r.raw('GONGKAI_DATA_DIR') ?? '.data'),
    embeddedPgPort: r.port('EMBEDDED_PG_PORT', 0, true),
    // Demo accounts and requests only when asked for (the local demo of `npm start` asks).
    demoData: r.bool('DEMO_DATA', false),
    databaseRoleCheck: r.bool('DATABASE_ROLE_CHECK', nodeEnv === 'production'),
    fileStore: r.oneOf('FILE_STORE', ['postgres', 's3'] as const, 'postgres'),
    s3:
      r.raw('FILE_STORE') === 's3'
        ? {
            endpoint: (r.raw('S3_ENDPOINT') ?? '').replace(/\/+$/, ''),
            bucket: r.raw('S3_BUCKET') ?? '',
            region: r.raw('S3_REGION') ?? 'us-east-1',
            accessKeyId: r.raw('S3_ACCESS_KEY_ID') ?? '',
            secretAccessKey: r.raw('S3_SECRET_ACCESS_KEY') ?? '',
          }
        : null,
    personalDataKey: r.key32('PERSONAL_DATA_KEY') ?? Buffer.from(DEVELOPMENT_PERSONAL_DATA_KEY, 'base64'),
    personalDataKeyId: r.keyId('PERSONAL_DATA_KEY_ID', 'k1'),
    previousPersonalDataKeys: r.keyring('PERSONAL_DATA_PREVIOUS_KEYS'),
    personalDataCipher: r.oneOf('PERSONAL_DATA_CIPHER', ['aes-256-gcm', 'sm4'] as const, 'aes-256-gcm'),
    personalDataIndexKeyId: r.keyId('PERSONAL_DATA_INDEX_KEY_ID', 'k1'),
    breachedPasswordsFile: r.raw('BREACHED_PASSWORDS_FILE'),
    apiRateLimits: r.bool('API_RATE_LIMITS', nodeEnv !== 'test'),
    auditHeadFile: resolve(
      r.raw('AUDIT_HEAD_FILE') ?? join(r.raw('GONGKAI_DATA_DIR') ?? '.data', 'audit-heads.jsonl'),
    ),
    secondFactor: r.oneOf(
      'SECOND_FACTOR',
      ['admins', 'all', 'off'] as const,
      nodeEnv === 'test' ? 'off' : 'admins',
    ),
    trustProxyHops: r.int('TRUST_PROXY_HOPS', 0, 0, 10),
    smtpUrl: r.raw('SMTP_URL'),
    mailFrom: r.raw('MAIL_FROM') ?? 'Gongkai <no-reply@gongkai.invalid>',
    smsProvider: r.oneOf('SMS_PROVIDER', ['log', 'webhook'] as const, 'log'),
    smsWebhookUrl: r.raw('SMS_WEBHOOK_URL'),
    dueSoonWorkingDays: r.int('DUE_SOON_WORKING_DAYS', 3, 1, 20),
    retention: {
      mode: r.oneOf('RETENTION_MODE', ['erase', 'report', 'off'] as const, 'erase'),
      years: {
        '10y': r.int('RETENTION_YEARS_10Y', DEFAULT_RETENTION_YEARS['10y'], 1, 100),
        '30y': r.int('RETENTION_YEARS_30Y', DEFAULT_RETENTION_YEARS['30y'], 1, 100),
      },
    },
    site: {
      name: r.raw('SITE_NAME') ?? '示范区人民政府 依申请公开',
      logo: r.raw('SITE_LOGO') ?? '',
      hostAgency: r.raw('SITE_HOST_AGENCY') ?? '示范区人民政府办公室',
      contact: r.raw('SITE_CONTACT') ?? '电话 010-00000000　地址 示范市示范区政务服务中心',
      siteCode: r.raw('SITE_CODE') ?? '0000000000',
      icp: r.raw('SITE_ICP') ?? '京ICP备00000000号',
      psb: r.raw('SITE_PSB') ?? '京公网安备00000000000000号',
      errorReportUrl: r.url('SITE_ERROR_REPORT_URL') ?? 'https://zfwzgl.www.gov.cn/exposure/jiucuo.html',
    },
  };
  if (config.site.logo !== '' && !/^\/assets\/[\w./-]+$/.test(config.site.logo)) {
    r.problems.push('SITE_LOGO: must be a path under /assets/, e.g. /assets/site/logo.png');
  }
  if (config.smtpUrl !== undefined && !/^smtps?:\/\//.test(config.smtpUrl)) {
    r.problems.push('SMTP_URL: must be an smtp:// or smtps:// URL');
  }
  if (config.smsProvider === 'webhook' && config.smsWebhookUrl === undefined) {
    r.problems.push('SMS_WEBHOOK_URL: is required when SMS_PROVIDER=webhook');
  }
  if (production && r.raw('PERSONAL_DATA_KEY') === undefined) {
    r.problems.push('PERSONAL_DATA_KEY: is required when NODE_ENV=production (32 random bytes, base64)');
  }
  if (production && config.personalDataKey.equals(Buffer.from(DEVELOPMENT_PERSONAL_DATA_KEY, 'base64'))) {
    r.problems.push('PERSONAL_DATA_KEY: the development key is published in the source; set your own');
  }
  if (production && config.clockControlEnabled) {
    r.problems.push('CLOCK_CONTROL_ENABLED: moving time is refused when NODE_ENV=production');
  }
  if (production && config.secondFactor === 'off') {
    r.problems.push('SECOND_FACTOR: cannot be off when NODE_ENV=production (admins or all)');
  }
  if (production && !config.apiRateLimits) {
    r.problems.push('API_RATE_LIMITS: cannot be switched off when NODE_ENV=production');
  }
  if (production && config.demoData) {
    r.problems.push(
      'DEMO_DATA: demo accounts (with published passwords) are refused when NODE_ENV=production',
    );
  }
  if (config.previousPersonalDataKeys[config.personalDataKeyId]) {
    r.problems.push('PERSONAL_DATA_PREVIOUS_KEYS: must not hold the current key id (PERSONAL_DATA_KEY_ID)');
  }
  if (config.s3) {
    for (const [name, value] of [
      ['S3_ENDPOINT', config.s3.endpoint],
      ['S3_BUCKET', config.s3.bucket],
      ['S3_ACCESS_KEY_ID', config.s3.accessKeyId],
      ['S3_SECRET_ACCESS_KEY', config.s3.secretAccessKey],
    ] as const) {
      if (!value) {
        r.problems.push(`${name}: is required with FILE_STORE=s3`);
      }
    }
    if (config.s3.endpoint && !/^https?:\/\/[^/]+$/.test(config.s3.endpoint)) {
      r.problems.push('S3_ENDPOINT: should be http(s)://host[:port], without a path');
    }
  }
  if (production && !config.databaseRoleCheck) {
    r.problems.push(
      'DATABASE_ROLE_CHECK: cannot be switched off when NODE_ENV=production (run the apps as their own role)',
    );
  }
  if (production && config.databaseUrl === undefined) {
    r.problems.push('DATABASE_URL: is required when NODE_ENV=production');
  }
  const ports = [config.portalPort, config.consolePort, config.workerPort];
  if (new Set(ports).size !== ports.length) {
    r.problems.push('PORTAL_PORT, CONSOLE_PORT and WORKER_PORT: must be three different ports');
  }
  if (r.problems.length > 0) {
    throw new ConfigError(r.problems);
  }
  return config;
}

/** Like loadConfig, but a running app cannot start without a database. */
export function loadAppConfig(env: Env = process.env): AppConfig & { databaseUrl: string } {
  const config = loadConfig(env);
  if (config.databaseUrl === undefined) {
    throw new ConfigError([
      'DATABASE_URL: is required to start an app on its own (use `npm start` to run everything on an embedded PostgreSQL)',
    ]);
  }
  if (config.nodeEnv !== 'test' && env.PERSONAL_DATA_KEY === undefined) {
    // The development key is in the source: an app holding personal data never falls back to it.
    throw new ConfigError([
      'PERSONAL_DATA_KEY: is required to start an app (32 random bytes, base64; `npm start` makes one per data directory)',
    ]);
  }
  return { ...config, databaseUrl: config.databaseUrl };
}
