import path from 'node:path';

/** Every setting Fupin reads from the environment, with what it means (printed by `fupin serve --help`). */
export const ENV_VARS = {
  PORT: 'HTTP port (default 3000)',
  HOST: 'address to listen on (default 0.0.0.0)',
  DATA_DIR: 'folder for the embedded database and the key file (default ./data)',
  DATABASE_URL: 'postgres://user:pass@host:5432/db — use a PostgreSQL server (15+) instead of the embedded PGlite',
  FUPIN_KEY: 'personal-data key: 64 bytes as base64 (AES-256-GCM key + HMAC key); overrides FUPIN_KEY_FILE',
  FUPIN_KEY_FILE: 'file holding the personal-data key (default DATA_DIR/secret.key, created on first start)',
  FUPIN_SECURE_COOKIES: 'set to 1 behind HTTPS so cookies carry the Secure flag (also sends HSTS)',
  FUPIN_TRUST_PROXY:
    'behind a reverse proxy: how far to trust X-Forwarded-For — a hop count (1 = one proxy in front) or proxy addresses/CIDRs, comma-separated (default: not trusted)',
  FUPIN_PUBLIC_API_DOCS: 'set to 1 to serve the API description (/api/docs) without login (also setting security.public_api_docs)',
  LOG_LEVEL: 'pino log level (default info)',
} as const;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  key?: string;
  keyFile: string;
  secureCookies: boolean;
  /** Fastify's trustProxy: false (the default), a hop count, or a list of proxy addresses. */
  trustProxy: false | number | string;
  publicApiDocs: boolean;
  logLevel: string;
}

/** Reads FUPIN_TRUST_PROXY. `true` (trust any proxy) is refused: it would let any client set its own address. */
export function parseTrustProxy(value: string | undefined): false | number | string {
  const v = (value ?? '').trim();
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v.toLowerCase() === 'true') {
    throw new Error('FUPIN_TRUST_PROXY=true would trust any client; give the hop count (e.g. 1) or the proxy addresses');
  }
  const parts = v.split(',').map((p) => p.trim());
  const ok = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;
  const bad = parts.find((p) => !ok.test(p));
  if (bad !== undefined) throw new Error(`FUPIN_TRUST_PROXY: "${bad}" is not a hop count, an address or a CIDR range`);
  return parts.join(',');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got ${env.PORT}`);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    key: env.FUPIN_KEY || undefined,
    keyFile: path.resolve(env.FUPIN_KEY_FILE || path.join(dataDir, 'secret.key')),
    secureCookies: env.FUPIN_SECURE_COOKIES === '1',
    trustProxy: parseTrustProxy(env.FUPIN_TRUST_PROXY),
    publicApiDocs: env.FUPIN_PUBLIC_API_DOCS === '1',
    logLevel: env.LOG_LEVEL || 'info',
  };
}

export const VERSION = '0.1.0';
