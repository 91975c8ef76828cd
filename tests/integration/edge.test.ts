import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../src/config.ts';
import type { Database } from '../../src/db/connection.ts';
import { clearSettingsCache } from '../../src/modules/settings.ts';
import { type AppDeps, buildApp } from '../../src/server/app.ts';
import { precompressDir } from '../../src/server/precompress.ts';
import { Client, DEMO_PASSWORD, loggedIn, TEST_KEYS } from '../support/app.ts';
import { type Engine, engines, openSeeded } from '../support/db.ts';

type AnyApp = Awaited<ReturnType<typeof buildApp>>;
type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[] };
type Operation = { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };

const NUL = 'a\u0000b';
const STRONG = 'Edge#Probe2024x';

/** Every string leaf of a JSON schema as a path (array items as index 0), so a NUL can be put there. */
function stringPaths(s: Schema | undefined, at: (string | number)[] = [], depth = 0): (string | number)[][] {
  if (!s || depth > 6) return [];
  const alts = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  if (alts.length) return alts.flatMap((a) => stringPaths(a, at, depth + 1)).slice(0, 1);
  if (s.properties) return Object.entries(s.properties).flatMap(([k, v]) => stringPaths(v, [...at, k], depth + 1));
  if (s.items) return stringPaths(s.items, [...at, 0], depth + 1);
  const types = Array.isArray(s.type) ? s.type : [s.type];
  return types.includes('string') || s.type === undefined ? [at] : [];
}

function bodyWith(at: (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at;
  return typeof head === 'number' ? [bodyWith(rest, value)] : { [head as string]: bodyWith(rest, value) };
}

async function appOn(database: Database, deps: Partial<AppDeps> = {}) {
  const app = await buildApp({
    database,
    keys: TEST_KEYS,
    webDir: '/nonexistent',
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'fupin-edge-')),
    ...deps,
  });
  await app.ready();
  return app;
}

describe('FUPIN_TRUST_PROXY', () => {
  it('is off unless set; takes a hop count or addresses; refuses "true" and junk', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.1, 192.168.0.0/16')).toBe('10.0.0.1,192.168.0.0/16');
    expect(parseTrustProxy('loopback')).toBe('loopback');
    expect(() => parseTrustProxy('true')).toThrow(/hop count/);
    expect(() => parseTrustProxy('proxy.example.com')).toThrow(/not a hop count/);
  });
});

describe.each(engines())('the HTTP edge on %s', (engine: Engine) => {
  let database: Database;
  let app: AnyApp;
  let sheng: Client;
  const auditCount = async () => (await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(database.db)).rows[0]?.n;

  beforeAll(async () => {
    database = await openSeeded(engine);
    app = await appOn(database);
    sheng = await loggedIn(app, 'sheng');
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  describe('control characters', () => {
    it('every string input of every route refuses a NUL with 400 CONTROL_CHARACTER, never 500, and writes nothing', async () => {
      const spec = app.swagger() as { paths: Record<string, Record<string, Operation>> };
      const routes = app.routeTable.filter((r) => r.url.startsWith('/api'));
      // Without the check a probe of logout or change-password would run them: those get a session of their own.
      const own = new Map<(typeof routes)[number], Client>();
      for (const r of routes) if (r.url.startsWith('/api/auth/')) own.set(r, await loggedIn(app, 'sheng'));
      const before = await auditCount();
      const failures: string[] = [];
      let probes = 0;
      let serverErrors = 0;
      for (const route of routes) {
        const op = spec.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()] ?? {};
        const pathParams = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
        const base = pathParams.reduce((u, p) => u.replace(`:${p}`, '1'), route.url);
        const cases: { what: string; url: string; body?: unknown }[] = [];
        for (const p of pathParams) {
          const url = pathParams.reduce((u, q) => u.replace(`:${q}`, q === p ? encodeURIComponent(NUL) : '1'), route.url);
          cases.push({ what: `path ${p}`, url });
        }
        const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        for (const q of [...query, 'unlisted']) cases.push({ what: `query ${q}`, url: `${base}?${q}=${encodeURIComponent(NUL)}` });
        cases.push({ what: 'query key', url: `${base}?${encodeURIComponent(NUL)}=1` });
        if (route.method !== 'GET') {
          const schema = op.requestBody?.content?.['application/json']?.schema;
          for (const at of stringPaths(schema).filter((p) => p.length > 0)) {
            cases.push({ what: `body ${at.join('.')}`, url: base, body: bodyWith(at, NUL) });
          }
          cases.push({ what: 'body key', url: base, body: { [NUL]: 1 } });
          cases.push({ what: 'body deep', url: base, body: { unlisted: [{ deeper: { x: NUL } }] } });
        }
        const client = own.get(route) ?? sheng;
        for (const c of cases) {
          probes++;
          const r = await client.request(route.method, c.url, c.body ?? (route.method === 'GET' ? undefined : {}));
          if (r.status >= 500) serverErrors++;
          if (r.status !== 400 || r.body?.error?.code !== 'CONTROL_CHARACTER') {
            failures.push(`${route.method} ${route.url} ${c.what}: ${r.status} ${r.body?.error?.code ?? r.text.slice(0, 80)}`);
          }
        }
      }
      console.log(`control characters: ${probes} probes over ${routes.length} routes on ${engine}, ${serverErrors} answered 5xx`);
      expect(failures).toEqual([]);
      expect(probes).toBeGreaterThan(routes.length * 3);
      expect(await auditCount()).toBe(before);
    });

    it('names the field in both languages', async () => {
      const c = new Client(app);
      const zh = await c.post('/api/auth/login', { username: NUL, password: 'x' });
      expect(zh.status).toBe(400);
      expect(zh.body.error).toMatchObject({ code: 'CONTROL_CHARACTER', details: [{ path: 'username', code: 'CONTROL_CHARACTER' }] });
      expect(zh.body.error.message).toContain('“username”中含有不允许的控制字符');
      c.lang = 'en';
      const en = await c.get(`/api/regions/search?q=${encodeURIComponent(NUL)}`);
      expect(en.body.error.message).toBe('"q" contains a control character that is not allowed (such as NUL); remove it and try again');
    });

    it('refuses the other C0 controls and lone surrogates, accepts tab, newline and CR', async () => {
      for (const bad of ['a\u0001b', 'a\u001bb', 'a\u000bb', 'a\u001fb']) {
        const r = await sheng.get(`/api/audit?actor=${encodeURIComponent(bad)}`);
        expect(r.status, JSON.stringify(bad)).toBe(400);
        expect(r.body.error.code).toBe('CONTROL_CHARACTER');
      }
      // Lone surrogates cannot be sent in a URL; in JSON they can (written as escapes).
      for (const bad of ['a\\u0001b', 'a\\ud800b', 'a\\udc00']) {
        const login = await new Client(app).post('/api/auth/login', `{"username":"${bad}","password":"x"}`);
        expect(login.status, bad).toBe(400);
        expect(login.body.error.code, bad).toBe('CONTROL_CHARACTER');
      }
      for (const ok of ['a\tb', 'a\nb', 'a\r\nb', '王芳 😀', 'ÿ\u0085']) {
        const r = await sheng.get(`/api/audit?actor=${encodeURIComponent(ok)}`);
        expect(r.status, JSON.stringify(ok)).toBe(200);
      }
    });

    it('checks multipart file names and field names before anything is stored', async () => {
      const batches = async () => (await sql<{ n: number }>`SELECT count(*) AS n FROM import_batch`.execute(database.db)).rows[0]?.n;
      const before = await batches();
      for (const [field, filename] of [
        ['file', 'a\u0000b.csv'],
        ['fi\u0001le', 'ok.csv'],
      ] as const) {
        const boundary = 'edgeboundary';
        const payload = [
          `--${boundary}`,
          `Content-Disposition: form-data; name="${field}"; filename="${filename}"`,
          'Content-Type: text/csv',
          '',
          '市,县(市、区)',
          `--${boundary}--`,
          '',
        ].join('\r\n');
        const r = await sheng.request('POST', '/api/registry/imports', payload, {
          'content-type': `multipart/form-data; boundary=${boundary}`,
        });
        expect(r.status, `${JSON.stringify(field)} ${JSON.stringify(filename)}`).toBe(400);
        expect(r.body.error.code).toBe('CONTROL_CHARACTER');
      }
      expect(await batches()).toBe(before);
    });
  });

  describe('security headers', () => {
    let webDir: string;
    let web: AnyApp;
    beforeAll(async () => {
      webDir = mkdtempSync(path.join(os.tmpdir(), 'fupin-web-'));
      writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>x</title>');
      mkdirSync(path.join(webDir, 'assets'));
      const script = Array.from({ length: 400 }, (_, i) => `export const v${i} = '扶贫 ${i}';`).join('\n');
      writeFileSync(path.join(webDir, 'assets', 'app-1.js'), script);
      await precompressDir(webDir);
      web = await appOn(database, { webDir });
    });
    afterAll(() => web.close());

    const expectCommon = (h: Record<string, unknown>, what: string) => {
      const csp = String(h['content-security-policy'] ?? '');
      expect(csp, what).toContain("frame-ancestors 'none'");
      expect(csp, what).toContain("script-src 'self'");
      expect(csp, what).toContain("object-src 'none'");
      expect(csp, what).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp, what).not.toContain('upgrade-insecure-requests');
      expect(h['x-content-type-options'], what).toBe('nosniff');
      expect(h['referrer-policy'], what).toBe('no-referrer');
      expect(h['x-frame-options'], what).toBe('DENY');
      expect(h['strict-transport-security'], what).toBeUndefined();
    };

    it('are on every response: pages, API answers, errors, the 400 of a bad input', async () => {
      const c = new Client(web);
      for (const [url, status] of [
        ['/', 200],
        ['/registry/households', 200],
        ['/api/health', 200],
        ['/api/auth/me', 401],
        ['/api/nothing-here', 404],
        ['/assets/missing.js', 404],
        [`/api/regions/search?q=${encodeURIComponent(NUL)}`, 400],
      ] as const) {
        const r = await c.get(url);
        expect(r.status, url).toBe(status);
        expectCommon(r.headers, url);
      }
    });

    it('API answers are not cached; the web app may be', async () => {
      const r = await sheng.get('/api/registry/households?limit=1');
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toBe('no-store');
      const page = await new Client(web).get('/');
      expect(page.headers['cache-control']).not.toBe('no-store');
    });

    it('sends the built files compressed to a browser that accepts it, as they are to one that does not', async () => {
      const file = readFileSync(path.join(webDir, 'assets', 'app-1.js'));
      const get = (encoding?: string) =>
        web.inject({ method: 'GET', url: '/assets/app-1.js', headers: encoding ? { 'accept-encoding': encoding } : {} });
      const br = await get('gzip, deflate, br');
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.rawPayload.length).toBeLessThan(file.length / 3);
      expect(brotliDecompressSync(br.rawPayload).equals(file)).toBe(true);
      const gz = await get('gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).equals(file)).toBe(true);
      const plain = await get();
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.equals(file)).toBe(true);
      expect(String(br.headers['content-type'])).toContain('javascript');
      // The small page has no compressed copy and is sent as it is.
      expect((await get('br')).statusCode).toBe(200);
      expect(
        (await web.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } })).headers['content-encoding'],
      ).toBeUndefined();
    });

    it('HSTS and upgrade-insecure-requests only when cookies are Secure', async () => {
      const secure = await appOn(database, { secureCookies: true });
      try {
        const r = await new Client(secure).get('/api/health');
        expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
        expect(String(r.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
      } finally {
        await secure.close();
      }
    });
  });

  describe('the API description', () => {
    it('needs a login by default', async () => {
      const anon = new Client(app);
      for (const url of ['/api/docs', '/api/docs/json', '/api/docs/yaml', '/api/docs/static/swagger-initializer.js']) {
        const r = await anon.get(url);
        expect(r.status, url).toBe(401);
        expect(r.body.error.code, url).toBe('UNAUTHENTICATED');
      }
      // Swagger UI's own files say nothing about this server.
      expect((await anon.get('/api/docs/static/swagger-ui.css')).status).toBe(200);
      const json = await sheng.get('/api/docs/json');
      expect(json.status).toBe(200);
      expect(json.body.paths['/api/users']).toBeTruthy();
      const html = await sheng.get('/api/docs');
      expect(html.status).toBe(200);
      expect(html.text).toContain('swagger-ui');
    });

    it('is public with FUPIN_PUBLIC_API_DOCS', async () => {
      const pub = await appOn(database, { publicApiDocs: true });
      try {
        const r = await new Client(pub).get('/api/docs/json');
        expect(r.status).toBe(200);
        expect(r.body.openapi).toMatch(/^3\./);
      } finally {
        await pub.close();
      }
    });

    it('is public with the setting security.public_api_docs', async () => {
      await sql`INSERT INTO setting (key, scope_code, year, value) VALUES ('security.public_api_docs', '', 0, 'true'::jsonb)`.execute(
        database.db,
      );
      clearSettingsCache();
      try {
        const r = await new Client(app).get('/api/docs/json');
        expect(r.status).toBe(200);
        expect(r.body.paths['/api/users']).toBeTruthy();
      } finally {
        await sql`DELETE FROM setting WHERE key = 'security.public_api_docs'`.execute(database.db);
        clearSettingsCache();
      }
      expect((await new Client(app).get('/api/docs/json')).status).toBe(401);
    });
  });

  describe('client address', () => {
    const forged = { 'x-forwarded-for': '203.0.113.9' };
    let seq = 0;
    /** Creates a user through `target` with the header; returns the address its audit row recorded. */
    async function auditedIp(target: AnyApp, headers: Record<string, string>) {
      const c = new Client(target);
      const login = await c.request('POST', '/api/auth/login', { username: 'sheng', password: DEMO_PASSWORD }, headers);
      expect(login.status).toBe(200);
      const username = `xff_${engine.slice(0, 2)}_${++seq}`;
      const r = await c.request(
        'POST',
        '/api/users',
        { username, displayName: 'XFF', role: 'county_operator', scopeCode: '211381', password: STRONG },
        headers,
      );
      expect(r.status, r.text).toBe(200);
      const row = await sql<{
        ip: string | null;
      }>`SELECT ip FROM audit_log WHERE entity = 'user' AND entity_id = ${String(r.body.id)}`.execute(database.db);
      return row.rows[0]?.ip;
    }

    it('X-Forwarded-For does not change the recorded address unless a proxy is configured', async () => {
      expect(await auditedIp(app, forged)).toBe('127.0.0.1');
      const untrusted = await appOn(database, { trustProxy: '10.0.0.0/8' });
      const oneHop = await appOn(database, { trustProxy: 1 });
      const loopback = await appOn(database, { trustProxy: 'loopback' });
      try {
        expect(await auditedIp(untrusted, forged)).toBe('127.0.0.1');
        expect(await auditedIp(oneHop, forged)).toBe('203.0.113.9');
        expect(await auditedIp(loopback, forged)).toBe('203.0.113.9');
        // One hop trusts the proxy's own entry only: a client-supplied address before it is ignored.
        expect(await auditedIp(oneHop, { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' })).toBe('203.0.113.9');
      } finally {
        await Promise.all([untrusted.close(), oneHop.close(), loopback.close()]);
      }
    });
  });
});
