import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { createUser } from '../../src/modules/users/service.ts';
import type { EntityFixtures } from '../../src/server/fixtures.ts';
import type { RouteInfo } from '../../src/server/plugins/access.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

/**
 * Walks every registered route with operators of two sibling counties (北票市 and 朝阳县, both under 朝阳市)
 * and proves that neither can read or change the other's data. Routes are taken from the running server,
 * fixtures from every module's fixtures.ts: a new route is covered the moment it exists, and a route whose
 * entity has no fixture fails here.
 */
const fixtureModules = import.meta.glob<{ fixtures?: EntityFixtures }>('../../src/modules/**/fixtures.ts', { eager: true });
const FIXTURES: EntityFixtures = Object.assign({}, ...Object.values(fixtureModules).map((m) => m.fixtures));

// A public route is reachable without login; each one is named here on purpose.
const PUBLIC = [
  'GET /api/health',
  'GET /api/ready',
  'GET /api/auth/csrf',
  'POST /api/auth/login',
  'GET /api/public/villages/:code/disclosures',
  'GET /api/public/villages/:code',
  'POST /api/public/villages/:code/complaints',
  'GET /api/public/complaints/:reference',
];

const COUNTIES = { a: { code: '211381', user: 'walk_a' }, b: { code: '211321', user: 'walk_b' } } as const;
const PASSWORD = 'Walk#2024x';

async function auditCount(t: TestApp): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(t.database.db);
  return r.rows[0]?.n ?? -1;
}

describe.each(engines())('scope walk on %s', (engine) => {
  let t: TestApp;
  let routes: RouteInfo[];
  const clients: Record<'a' | 'b', Client> = {} as never;
  const records: Record<'a' | 'b', Record<string, { id: string; marker: string }>> = { a: {}, b: {} };

  beforeAll(async () => {
    t = await openTestApp(engine);
    routes = t.app.routeTable.filter((r) => r.url.startsWith('/api'));
    for (const side of ['a', 'b'] as const) {
      const { code, user } = COUNTIES[side];
      await t.database.db
        .transaction()
        .execute((tx) =>
          createUser(
            tx,
            SYSTEM_ACTOR,
            null,
            { username: user, displayName: user, role: 'county_operator', scopeCode: code, password: PASSWORD },
            { mustChangePassword: false },
          ),
        );
      clients[side] = await loggedIn(t.app, user, PASSWORD);
      for (const [entity, make] of Object.entries(FIXTURES)) records[side][entity] = await make(t.database.db, code);
    }
  });
  afterAll(() => t.close());

  it('finds the routes and the fixtures', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(Object.keys(FIXTURES)).toEqual(expect.arrayContaining(['region', 'user', 'audit']));
  });

  it('has exactly the public routes it means to have', () => {
    const pub = routes.filter((r) => r.access.kind === 'public').map((r) => `${r.method} ${r.url}`);
    expect(pub.sort()).toEqual([...PUBLIC].sort());
  });

  it('has a fixture for the entity of every record route', () => {
    const missing = routes.filter((r) => r.access.kind === 'record' && !FIXTURES[r.access.entity]).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  for (const [me, other] of [
    ['b', 'a'],
    ['a', 'b'],
  ] as const) {
    it(`${me} cannot read or change ${other}'s records through any record route`, async () => {
      const checked: string[] = [];
      for (const route of routes) {
        if (route.access.kind !== 'record') continue;
        const access = route.access;
        const target = records[other][access.entity];
        if (!target) throw new Error(`no fixture for ${access.entity}`);
        const url = route.url.replace(`:${access.param}`, encodeURIComponent(target.id));
        const before = await auditCount(t);
        const r = await clients[me].request(route.method, url, route.method === 'GET' ? undefined : {});
        expect.soft(r.status, `${route.method} ${url} as ${me}`).toBe(404);
        expect.soft(r.body?.error?.code, `${route.method} ${url}`).toBe('NOT_FOUND');
        expect.soft(await auditCount(t), `${route.method} ${url} wrote something`).toBe(before);
        // A missing id answers exactly the same.
        const missing = await clients[me].request(
          route.method,
          route.url.replace(`:${access.param}`, '999999999'),
          route.method === 'GET' ? undefined : {},
        );
        expect.soft(missing.status).toBe(404);
        expect.soft(missing.body).toEqual(r.body);
        checked.push(`${route.method} ${route.url}`);
      }
      expect(checked.length).toBeGreaterThan(3);
      console.log(
        `scope walk ${me} → ${other}: ${checked.length} record routes, ${checked.length * 2} requests (the record, a missing id)`,
      );
    });

    it(`${me} reaches its own records through every GET record route (so the 404s above mean something)`, async () => {
      for (const route of routes) {
        if (route.access.kind !== 'record' || route.method !== 'GET') continue;
        const own = records[me][route.access.entity];
        const r = await clients[me].get(route.url.replace(`:${route.access.param}`, encodeURIComponent(own?.id ?? '')));
        // Reaching the record may still fail for its own reasons (a batch with no report), but never as "not found".
        expect.soft(r.body?.error?.code, `${route.url} as owner`).not.toBe('NOT_FOUND');
        expect.soft(r.status, `${route.url} as owner`).not.toBe(404);
      }
    });

    it(`${me} cannot list, count, search, export or create in ${other}'s region through any collection route`, async () => {
      const otherCode = COUNTIES[other].code;
      const markers = Object.values(records[other]).map((x) => x.marker);
      let probes = 0;
      let collections = 0;
      for (const route of routes) {
        if (route.access.kind !== 'collection') continue;
        collections++;
        const { region } = route.access;
        if (region) {
          const before = await auditCount(t);
          const r =
            region.in === 'query'
              ? await clients[me].request(
                  route.method,
                  `${route.url}?${region.field}=${otherCode}`,
                  route.method === 'GET' ? undefined : {},
                )
              : await clients[me].request(route.method, route.url, { [region.field]: otherCode });
          probes++;
          expect.soft(r.status, `${route.method} ${route.url} into ${otherCode}`).toBe(404);
          expect.soft(await auditCount(t)).toBe(before);
        }
        if (route.method !== 'GET') continue;
        // Unfiltered, and searching for the other side's markers by name: nothing of theirs comes back.
        for (const query of ['', ...markers.map((m) => `?q=${encodeURIComponent(m)}`)]) {
          const r = await clients[me].get(`${route.url}${query}`);
          probes++;
          for (const m of markers) expect.soft(r.text.includes(m), `${route.url}${query} leaks ${m}`).toBe(false);
        }
      }
      console.log(`scope walk ${me} → ${other}: ${collections} collection routes, ${probes} requests`);
      // Hundreds of requests one after another: on a Citus coordinator under CI's load a minute is not enough.
    }, 240_000);
  }

  it('a self route only ever shows the caller', async () => {
    for (const route of routes.filter((r) => r.access.kind === 'self' && r.method === 'GET')) {
      const r = await clients.b.get(route.url);
      for (const m of Object.values(records.a).map((x) => x.marker)) expect(r.text.includes(m)).toBe(false);
    }
  });
});
