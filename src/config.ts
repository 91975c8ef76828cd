import path from 'node:path';

/** Every setting Fupin reads from the environment, with what it means (printed by `fupin serve --help`). */
export const ENV_VARS = {
  PORT: 'HTTP port (default 3000)',
  HOST: 'address to listen on (default 0.0.0.0)',
  DATA_DIR: 'folder for the embedded database and the key file (default ./data)',
  DATABASE_URL: 'postgres://user:pass@host:5432/db — use a PostgreSQL server (15+) instead of the embedded PGlite',
  FUPIN_KEY: 'personal-data key: 64 bytes as base64 (AES-256-GCM key + HMAC key); overrides FUPIN_KEY_FILE',
  FUPIN_KEY_FILE: 'file holding the personal-data key (default DATA_DIR/secret.key, created on first start)',
  FUPIN_SECURE_COOKIES: 'set to 1 behind HTTPS so cookies carry the Secure flag',
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
  logLevel: string;
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
    logLevel: env.LOG_LEVEL || 'info',
  };
}

export const VERSION = '0.1.0';
