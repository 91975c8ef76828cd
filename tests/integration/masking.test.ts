import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { commit, type InputRow, stage } from '../../src/modules/registry/import/service.ts';
import { recordSecurityEvent } from '../../src/modules/security/service.ts';
import { withUnmaskBudget } from '../../src/modules/security/unmask.ts';
import { clearSettingsCache } from '../../src/modules/settings.ts';
import { buildApp } from '../../src/server/app.ts';
import { Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines, openSeeded } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * Issue 9 items 2 and 3 (decision 0005): what a user without `pii.unmask` is sent must not narrow any ID number
 * below 1,000 candidates; audit rows keep no ID number; unmasking has a daily budget and bulk unmasking is alerted.
 */

const VILLAGE = '211381109201'; // 海丰村, 东官营镇, 北票市
const COUNTY = VILLAGE.slice(0, 6);
const HOUSEHOLDS = 30;

interface Truth {
  id: string;
  birth: string;
  male: boolean;
}

/** A small deterministic generator, so that a failure can be reproduced. */
function prng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s % n;
  };
}

/** One village's register: households of one to four persons with varied birth dates and sequence numbers. */
function villageRows(): { rows: InputRow[]; truth: Map<string, Truth> } {
  const rnd = prng(20_170_901);
  const rows: InputRow[] = [];
  const truth = new Map<string, Truth>();
  let n = 2;
  for (let h = 1; h <= HOUSEHOLDS; h++) {
    const size = 1 + rnd(4);
    for (let m = 0; m < size; m++) {
      const male = m === 0 ? true : m === 1 ? false : rnd(2) === 0;
      const year = m < 2 ? 1940 + rnd(40) : 1985 + rnd(25);
      const birth = `${year}-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`;
      const id = makeId(COUNTY, birth, rnd(1000), male);
      const name = `测${String.fromCharCode(0x4e00 + h)}${String.fromCharCode(0x4e50 + m)}`;
      truth.set(name, { id, birth, male });
      rows.push({
        rowNumber: n++,
        cells: {
          village_code: VILLAGE,
          household_no: `MASK${String(h).padStart(3, '0')}`,
          name,
          id_number: id,
          relation: m === 0 ? 'head' : m === 1 ? 'spouse' : male ? 'son' : 'daughter',
          gender: male ? 'M' : 'F',
          category: 'ordinary',
          poverty_cause: 'illness',
          year_identified: 2015,
          household_status: 'poor',
          phone: `139${String(10_000_000 + h * 1000 + m).slice(0, 8)}`,
        },
      });
    }
  }
  return { rows, truth };
}

// ISO 7064 MOD 11-2, written here again so that the count does not depend on the code under test.
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const C = '10X98765432';
const checkOf = (body: string) => C[[...body].reduce((a, d, i) => a + Number(d) * (W[i] as number), 0) % 11] as string;

interface Sent {
  mask: string;
  county: string;
  birthDate: string | null;
  birthYear: number | null;
  gender: string;
}

/** Every date of a year as YYYYMMDD. */
function datesOf(year: number): string[] {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10).replace(/-/g, ''));
  }
  return out;
}

/**
 * ID numbers consistent with what was sent, counted the way an attacker would: the region taken to be the county
 * (the worst case), the birth date or every date of the birth year, every sequence number of the gender's parity,
 * the check digit computed; each part kept only where it agrees with the characters the mask shows.
 */
function candidates(s: Sent): { count: number; has: (id: string) => boolean } {
  const shows = (i: number, c: string) => s.mask[i] === '*' || s.mask[i] === c;
  const agrees = (text: string, from: number) => [...text].every((c, i) => shows(from + i, c));
  const regions = [s.county].filter((r) => agrees(r, 0));
  const dates = (s.birthDate ? [s.birthDate.replace(/-/g, '')] : datesOf(s.birthYear as number)).filter((d) => agrees(d, 6));
  const seqs = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0')).filter(
    (q) => (Number(q) % 2 === 1) === (s.gender === 'M') && agrees(q, 14),
  );
  // A hidden check digit is whatever the rest makes it: no constraint, nothing to compute.
  let count = s.mask[17] === '*' ? regions.length * dates.length * seqs.length : 0;
  if (s.mask[17] !== '*') for (const r of regions) for (const d of dates) for (const q of seqs) if (shows(17, checkOf(r + d + q))) count++;
  const has = (id: string) =>
    regions.includes(id.slice(0, 6)) && dates.includes(id.slice(6, 14)) && seqs.includes(id.slice(14, 17)) && shows(17, id.slice(17));
  return { count, has };
}

/** The single value of a one-row, one-column query, as a number. */
const one = async (t: TestApp, q: ReturnType<typeof sql>) => {
  const row = (await q.execute(t.database.db)).rows[0] as Record<string, unknown> | undefined;
  return Number(row ? Object.values(row)[0] : Number.NaN);
};

async function setLimit(t: TestApp, key: string, value: number) {
  await sql`INSERT INTO setting (key, value) VALUES (${key}, ${JSON.stringify(value)}::jsonb)
            ON CONFLICT (key, scope_code, year) DO UPDATE SET value = EXCLUDED.value`.execute(t.database.db);
  clearSettingsCache();
}

describe.each(engines())('masking per response on %s', (engine) => {
  let t: TestApp;
  let base: string;

  /**
   * Starts an export over a real connection and reads only its status: the budget, the audit row and the security
   * events are all settled before the first byte is sent.
   */
  async function exportHead(c: Client, url: string) {
    const ac = new AbortController();
    const res = await fetch(base + url, { signal: ac.signal, headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    const body = res.status === 200 ? null : await res.json();
    ac.abort();
    return { status: res.status, body };
  }

  let truth: Map<string, Truth>;
  let householdIds: number[];
  beforeAll(async () => {
    t = await openTestApp(engine);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const village = villageRows();
    truth = village.truth;
    const { batchId } = await stage(
      t.database.db,
      TEST_KEYS,
      { scopeCode: COUNTY, actor: SYSTEM_ACTOR, filename: 'masking' },
      village.rows,
    );
    await commit(t.database.db, batchId, SYSTEM_ACTOR);
    householdIds = (
      await sql<{ id: number }>`SELECT id FROM household WHERE village_code = ${VILLAGE} ORDER BY id`.execute(t.database.db)
    ).rows.map((r) => Number(r.id));
    // An audit row as rows were written before the fix: a mask that shows the last four, and a full ID in a search.
    const [first] = householdIds;
    const head = [...truth.values()][0] as Truth;
    await sql`INSERT INTO audit_log (actor_name, scope_code, entity, entity_id, action, after)
              VALUES ('beipiao', ${VILLAGE}, 'household', ${String(first)}, 'update',
                      ${JSON.stringify({ members: [{ idNumber: `${head.id.slice(0, 4)}${'*'.repeat(10)}${head.id.slice(-4)}` }], q: head.id, note: `核对 ${head.id}` })}::jsonb)`.execute(
      t.database.db,
    );
  }, 180_000);
  afterAll(() => t.close());

  it('sends a leader nothing that narrows any ID number of a village below 1,000 candidates', async () => {
    const leader = await loggedIn(t.app, 'leader');
    const list = await leader.get(`/api/registry/households?region=${VILLAGE}&limit=200`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((h: { id: number }) => h.id).sort((a: number, b: number) => a - b)).toEqual(householdIds);
    const heads = new Map<string, string>(
      list.body.items.map((h: { headName: string; headIdMasked: string }) => [h.headName, h.headIdMasked]),
    );
    let persons = 0;
    let fewest = Number.POSITIVE_INFINITY;
    for (const id of householdIds) {
      const r = await leader.get(`/api/registry/households/${id}`);
      expect(r.status).toBe(200);
      // No ID mask anywhere in the answer (audit rows included) shows a character after its stars (a phone's does).
      expect(r.text).not.toMatch(/\*{5,}[0-9Xx]/);
      for (const m of r.body.members) {
        const real = truth.get(m.name) as Truth;
        persons++;
        expect(r.text).not.toContain(real.id);
        expect(r.text).not.toContain(real.birth);
        expect(r.text).not.toContain(real.birth.replace(/-/g, ''));
        if (heads.has(m.name)) expect(heads.get(m.name)).toBe(m.idMasked);
        const c = candidates({
          mask: m.idMasked,
          county: r.body.countyCode,
          birthDate: m.birthDate,
          birthYear: m.birthYear,
          gender: m.gender,
        });
        expect(c.has(real.id), `${m.name}: the true ID is one of the candidates`).toBe(true);
        fewest = Math.min(fewest, c.count);
      }
    }
    expect(persons).toBe(truth.size);
    expect(fewest).toBeGreaterThanOrEqual(1000);
  });

  it('still gives the birth date to a user who may unmask, and never caches an answer with personal data', async () => {
    const beipiao = await loggedIn(t.app, 'beipiao');
    const r = await beipiao.get(`/api/registry/households/${householdIds[0]}`);
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    for (const m of r.body.members) expect(m.birthDate).toBe((truth.get(m.name) as Truth).birth);
  });

  it('masks audit rows written before the fix when they are read', async () => {
    const beipiao = await loggedIn(t.app, 'beipiao');
    const head = [...truth.values()][0] as Truth;
    const r = await beipiao.get(`/api/audit?entity=household&entityId=${householdIds[0]}`);
    expect(r.status).toBe(200);
    expect(r.text).not.toContain(head.id);
    expect(r.text).not.toContain(head.id.slice(-4));
    expect(r.text).toContain(`${head.id.slice(0, 4)}${'*'.repeat(14)}`);
  });

  it('keeps the search text of an unmasked export out of the audit row and the security event', async () => {
    const beipiao = await loggedIn(t.app, 'beipiao');
    const head = [...truth.values()][0] as Truth;
    const res = await exportHead(beipiao, `/api/registry/households/export?format=csv&unmask=1&region=${COUNTY}&q=${head.id}`);
    expect(res.status).toBe(200);
    const rows = await sql<{ after: unknown }>`SELECT after FROM audit_log WHERE action = 'export_unmasked'`.execute(t.database.db);
    expect(rows.rows).toHaveLength(1);
    const text = JSON.stringify(rows.rows[0]?.after);
    expect(text).not.toContain(head.id);
    expect(text).not.toContain(head.id.slice(4, 10));
    expect(text).toContain('"persons":1');
    const events = await sql<{ details: unknown }>`SELECT details FROM security_event WHERE kind = 'unmask'`.execute(t.database.db);
    expect(events.rows).toHaveLength(1);
    expect(JSON.stringify(events.rows[0]?.details)).not.toContain(head.id.slice(4, 10));
    expect(events.rows[0]?.details).toMatchObject({ source: 'export', persons: 1, bulk: false });
  });

  it('limits unmasking per user per day: 429 past the limit, counted from security events, safe under concurrency', async () => {
    const chaoyang = await loggedIn(t.app, 'chaoyang');
    const persons = (
      await sql<{ id: number }>`SELECT p.id FROM person p JOIN household_member m ON m.county_code = p.county_code AND m.person_id = p.id
                               JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id
                               WHERE h.village_code = ${VILLAGE} ORDER BY p.id`.execute(t.database.db)
    ).rows.map((r) => Number(r.id));
    await setLimit(t, 'pii.unmask_daily_limit', 6);
    try {
      for (const id of persons.slice(0, 2)) expect((await chaoyang.post(`/api/registry/persons/${id}/unmask`)).status).toBe(200);
      // Eight at once for the four places left: exactly four get through.
      const burst = await Promise.all(persons.slice(2, 10).map((id) => chaoyang.post(`/api/registry/persons/${id}/unmask`)));
      expect(burst.filter((r) => r.status === 200)).toHaveLength(4);
      const refused = burst.find((r) => r.status === 429);
      expect(refused?.body.error.code).toBe('UNMASK_LIMIT');
      expect(refused?.body.error.message).toMatch(/上限.*6/);
      chaoyang.lang = 'en';
      const en = await chaoyang.post(`/api/registry/persons/${persons[11]}/unmask`);
      expect(en.status).toBe(429);
      expect(en.body.error.message).toMatch(/limit.*6 persons a day/);
      expect(en.text).not.toMatch(/\d{17}/);
      const actor = sql`(SELECT id FROM app_user WHERE username = 'chaoyang')`;
      expect(await one(t, sql`SELECT count(*) FROM security_event WHERE kind = 'unmask' AND actor_id = ${actor}`)).toBe(6);
      expect(await one(t, sql`SELECT count(*) FROM security_event WHERE kind = 'unmask_limit' AND actor_id = ${actor}`)).toBe(5);
      expect(await one(t, sql`SELECT count(*) FROM audit_log WHERE action = 'unmask_id' AND actor_name = 'chaoyang'`)).toBe(6);
      // A small unmasked export counts against the same budget.
      const exp = await exportHead(
        chaoyang,
        `/api/registry/households/export?format=csv&unmask=1&region=${VILLAGE}&q=${encodeURIComponent('测')}`,
      );
      expect(exp.status).toBe(429);
      expect(exp.body.error.code).toBe('UNMASK_LIMIT');
    } finally {
      await setLimit(t, 'pii.unmask_daily_limit', 200);
    }
  });

  it('limits searches by a full ID number per user per day, so that guesses cannot be tried one by one', async () => {
    const leader = await loggedIn(t.app, 'leader');
    const ids = [...truth.values()].map((p) => p.id);
    await setLimit(t, 'pii.id_search_daily_limit', 3);
    try {
      for (const id of ids.slice(0, 3)) {
        const r = await leader.get(`/api/registry/households?region=${COUNTY}&q=${id}`);
        expect(r.status).toBe(200);
        expect(r.body.items).toHaveLength(1);
      }
      const refused = await leader.get(`/api/registry/households?region=${COUNTY}&q=${ids[3]}`);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('ID_SEARCH_LIMIT');
      expect(refused.body.error.message).toMatch(/每日 3 次/);
      // A search by name, or by a few digits that are no ID number, is not counted.
      expect((await leader.get(`/api/registry/households?region=${COUNTY}&q=${encodeURIComponent('测')}`)).status).toBe(200);
      expect((await leader.get(`/api/registry/households?region=${COUNTY}&q=2113`)).status).toBe(200);
      const actor = sql`(SELECT id FROM app_user WHERE username = 'leader')`;
      expect(await one(t, sql`SELECT count(*) FROM security_event WHERE kind = 'id_search' AND actor_id = ${actor}`)).toBe(3);
      expect(await one(t, sql`SELECT count(*) FROM security_event WHERE kind = 'id_search_limit' AND actor_id = ${actor}`)).toBe(1);
      // The export's search box is the same oracle.
      const sheng = await loggedIn(t.app, 'sheng');
      await setLimit(t, 'pii.id_search_daily_limit', 0);
      const exp = await exportHead(sheng, `/api/registry/households/export?format=csv&region=${COUNTY}&q=${ids[0]}`);
      expect(exp.status).toBe(429);
      expect(exp.body.error.code).toBe('ID_SEARCH_LIMIT');
    } finally {
      await setLimit(t, 'pii.id_search_daily_limit', 200);
    }
  });

  it('lets a bulk unmasked export through, records it and shows it to the province as an alert', async () => {
    await setLimit(t, 'pii.unmask_bulk_threshold', 10);
    try {
      const sheng = await loggedIn(t.app, 'sheng');
      const before = await sheng.get('/api/command/alerts?region=21&rule=security_unmask_bulk&state=all');
      expect(before.status).toBe(200);
      expect(before.body.items).toHaveLength(0);
      const res = await exportHead(sheng, `/api/registry/households/export?format=csv&unmask=1&region=${VILLAGE}`);
      expect(res.status).toBe(200);
      const members = await one(
        t,
        sql`SELECT count(*) FROM household_member m JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id WHERE h.village_code = ${VILLAGE}`,
      );
      expect(members).toBe(truth.size);
      const bulk = await sql<{ scope_code: string; details: { persons: number } }>`
        SELECT scope_code, details FROM security_event WHERE kind = 'unmask_bulk'`.execute(t.database.db);
      expect(bulk.rows).toHaveLength(1);
      expect(bulk.rows[0]).toMatchObject({ scope_code: VILLAGE, details: { persons: members } });

      const after = await sheng.get('/api/command/alerts?region=21&rule=security_unmask_bulk&state=all');
      expect(after.body.items).toHaveLength(1);
      expect(after.body.items[0]).toMatchObject({ severity: 'high', link: { kind: 'security' } });
      expect(after.body.items[0].what).toContain('sheng');
      expect(after.body.items[0].what).toContain(String(members));
      const dash = await sheng.get('/api/command/dashboard?region=21');
      expect(dash.body.alerts.find((a: { rule: string }) => a.rule === 'security_unmask_bulk')?.count).toBe(1);
      // Below the province the rule shows nothing.
      const chaoyang = await loggedIn(t.app, 'chaoyang');
      expect((await chaoyang.get('/api/command/alerts?region=2113&rule=security_unmask_bulk&state=all')).body.items).toHaveLength(0);
      // The province acknowledges it like any alert.
      const ack = await sheng.post('/api/command/alerts/ack', {
        rule: 'security_unmask_bulk',
        key: after.body.items[0].key,
        note: '已核实',
      });
      expect(ack.status).toBe(204);
    } finally {
      await setLimit(t, 'pii.unmask_bulk_threshold', 500);
    }
  });

  it('does not keep an alert list read between the bulk event and its commit', async () => {
    const sheng = await loggedIn(t.app, 'sheng');
    const rule = '/api/command/alerts?region=21&rule=security_unmask_bulk&state=all';
    await sheng.get(rule);
    const id = await one(t, sql`SELECT id FROM app_user WHERE username = 'sheng'`);
    const actor = { id, username: 'sheng' };
    await withUnmaskBudget(t.database.db, actor, { scopeCode: VILLAGE, actorScope: '21', persons: 100_000, source: 'export' }, async () => {
      // Another connection reads while the event is written and not committed (PGlite has one connection: no reader).
      if (engine !== 'pglite') await sheng.get(rule);
    });
    const events = await one(t, sql`SELECT count(*) FROM security_event WHERE kind = 'unmask_bulk' AND at >= now() - interval '7 days'`);
    expect(events).toBeGreaterThan(0);
    expect((await sheng.get(rule)).body.items).toHaveLength(events);
  });

  it('shows a burst of out-of-scope conflicts of the last seven days to the province as an alert', async () => {
    const sheng = await loggedIn(t.app, 'sheng');
    const rule = '/api/command/alerts?region=21&rule=security_scope_conflict_burst&state=all';
    expect((await sheng.get(rule)).body.items).toHaveLength(0);
    await sql`INSERT INTO security_event (at, kind, actor_name, scope_code, details)
              VALUES (now() - interval '8 days', 'scope_conflict_burst', 'yixian', '210727', '{"conflicts": 40}')`.execute(t.database.db);
    await recordSecurityEvent(t.database.db, {
      kind: 'scope_conflict_burst',
      actorName: 'haifeng',
      scopeCode: VILLAGE,
      details: { conflicts: 25, threshold: 20 },
    });
    const items = (await sheng.get(rule)).body.items;
    expect(items).toHaveLength(1);
    expect(items[0].what).toMatch(/haifeng.*25/);
    expect(items[0].region.code).toBe('21');
    const dash = await sheng.get('/api/command/dashboard?region=21');
    expect(dash.body.alerts.find((a: { rule: string }) => a.rule === 'security_scope_conflict_burst')?.count).toBe(1);
  });
});

describe('logs', () => {
  it('never write an ID number or a phone: search text removed from URLs, values masked in any line', async () => {
    const lines: string[] = [];
    const database = await openSeeded('pglite');
    const app = await buildApp({
      database,
      keys: TEST_KEYS,
      webDir: '/nonexistent',
      logger: { level: 'info', stream: { write: (l: string) => lines.push(l) } },
    });
    try {
      await app.ready();
      const id = makeId(COUNTY, '1990-01-01', 123, true);
      const c = await new Client(app).login('beipiao');
      expect((await c.get(`/api/registry/households?region=${COUNTY}&q=${id}`)).status).toBe(200);
      expect((await c.get(`/api/registry/households?region=${COUNTY}&q=${id.slice(0, 10)}`)).status).toBe(200);
      expect((await c.get(`/api/registry/households?region=${COUNTY}&q=${encodeURIComponent('张三')}`)).status).toBe(200);
      app.log.error({ detail: `duplicate key (${id}) phone 13912345678` }, `import failed for ${id}`);
      const text = lines.join('');
      expect(text).toContain('q=***');
      expect(lines.filter((l) => l.includes('"url":"/api/registry/households?')).length).toBeGreaterThanOrEqual(3);
      expect(text).not.toContain(id);
      expect(text).not.toContain(id.slice(0, 10));
      expect(text).not.toContain('13912345678');
      expect(text).toContain('2113**************');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
