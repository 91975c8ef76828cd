import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/connection.ts';
import { parseKey } from '../../src/modules/pii/crypto.ts';
import { buildApp } from '../../src/server/app.ts';
import { type Engine, openSeeded } from './db.ts';

export const DEMO_PASSWORD = 'Fupin@2017';
export const TEST_KEYS = parseKey(randomBytes(64).toString('base64'));

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

export async function openTestApp(engine: Engine): Promise<TestApp> {
  const database = await openSeeded(engine);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fupin-app-'));
  // TEST_LOG=error (or info) writes the server's log to stderr: the cause of an unexpected 500 in a run.
  const level = process.env.TEST_LOG;
  const app = await buildApp({
    database,
    keys: TEST_KEYS,
    webDir: '/nonexistent',
    dataDir,
    ...(level ? { logger: { level, stream: process.stderr } } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely and assert on them
  body: any;
  text: string;
  headers: Record<string, unknown>;
}

/** An import batch as GET /api/registry/imports/:id answers it (the fields tests read). */
export interface ImportBatchBody {
  id: number;
  status: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the summary's nested counts and messages freely
  summary: any;
  progress: unknown;
}

/** A browser-like client over fastify.inject: keeps cookies, sends the CSRF header, picks a language. */
export class Client {
  cookies = new Map<string, string>();
  lang: 'zh-CN' | 'en' = 'zh-CN';

  constructor(private readonly app: FastifyInstance) {}

  async request(method: string, url: string, payload?: unknown, extraHeaders: Record<string, string> = {}): Promise<Reply> {
    if (!this.cookies.has('fupin_csrf') && method !== 'GET') await this.request('GET', '/api/auth/csrf');
    const headers: Record<string, string> = {
      'accept-language': this.lang,
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...(method !== 'GET' ? { 'x-csrf-token': this.cookies.get('fupin_csrf') ?? '' } : {}),
      ...extraHeaders,
    };
    let body: string | Buffer | undefined;
    if (payload !== undefined) {
      body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.app.inject({ method: method as 'GET', url, headers, payload: body });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(res.body);
    } catch {}
    return { status: res.statusCode, body: parsed, text: res.body, headers: res.headers };
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
  put(url: string, body: unknown = {}) {
    return this.request('PUT', url, body);
  }

  /** Uploads a register file as the import page does (multipart, field `file`); `base` names another kind's imports. */
  async upload(file: Buffer | string, name: string, base = '/api/registry/imports'): Promise<Reply> {
    const fd = new FormData();
    fd.append('file', new Blob([typeof file === 'string' ? file : new Uint8Array(file)]), name);
    const res = new Response(fd);
    const payload = Buffer.from(await res.arrayBuffer());
    return this.request('POST', base, payload, { 'content-type': res.headers.get('content-type') ?? '' });
  }

  /** The import batch once its preview has ended (previewed or failed). */
  async waitPreview(id: number, tries = 600, base = '/api/registry/imports') {
    for (let i = 0; i < tries; i++) {
      const b = await this.get(`${base}/${id}`);
      if ((b.body as { status?: string })?.status !== 'staging') return b.body as ImportBatchBody;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the preview of batch ${id} did not finish`);
  }

  async login(username: string, password = DEMO_PASSWORD) {
    const r = await this.post('/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${r.text}`);
    return this;
  }
}

export async function loggedIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD) {
  return new Client(app).login(username, password);
}
