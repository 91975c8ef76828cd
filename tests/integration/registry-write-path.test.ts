import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { ensureMonth, refresh } from '../../src/modules/command/rollups.ts';
import { exitFixture } from '../../src/modules/exit/fixtures.ts';
import { setHouseholdStatus } from '../../src/modules/registry/write.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { householdBody } from '../support/exit.ts';
import { settled } from '../support/figures.ts';

/**
 * One register write path for a single household (src/modules/registry/write.ts), on both engines: an exit's close,
 * a death confirmed by the cross-department comparison and a monitoring-only household each leave what the form
 * leaves — an audit row whose field list names the change, a status history row with the right date (a back-dated
 * close revises the closed month), the version moved on — and show in the household list, the search and the command
 * centre's figure of the village (expected values by SQL). A form opened before such a change is refused (409) with
 * nothing written; another county's household is not found.
 */
const VILLAGE = '211381109201'; // 海丰村, 北票市
const COUNTY = '211381';
const TODAY = new Date().toISOString().slice(0, 10);
const YEAR = Number(TODAY.slice(0, 4));
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe.each(engines())('the register write path on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let village: Client;
  let other: Client;
  let exitedId = 0;

  const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const figure = async (id: string) => {
    const r = await settled(county, `/api/command/dashboard?region=${VILLAGE}`);
    expect(r.status, r.text).toBe(200);
    return r.body.figures.find((f: { id: string }) => f.id === id)?.value as number;
  };
  /** The village's households (or persons) of the statuses, as the figure counts them. */
  const villageCount = async (statuses: string[], persons = false) => {
    const [r] = await rows<{ n: number }>(sql`
      SELECT coalesce(${persons ? sql`sum(member_count)` : sql`count(*)`}, 0)::int AS n FROM household
      WHERE county_code = ${COUNTY} AND village_code = ${VILLAGE} AND status = ANY(${statuses}::text[])`);
    return Number(r?.n);
  };
  const version = async (id: number) =>
    Number((await rows<{ version: number }>(sql`SELECT version FROM household WHERE county_code = ${COUNTY} AND id = ${id}`))[0]?.version);
  const auditRows = (id: number) =>
    rows<{ action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>(sql`
      SELECT action, before, after FROM audit_log WHERE entity = 'household' AND entity_id = ${String(id)} ORDER BY id`);
  /** The audit rows of the household as its page shows them: action and the paths of the fields that changed. */
  const pageAudit = async (id: number) => {
    const d = await county.get(`/api/registry/households/${id}`);
    expect(d.status, d.text).toBe(200);
    return d.body.audit as { action: string; changes: { path: string; before: string | null; after: string | null }[] }[];
  };
  const listed = async (query: string) => {
    const r = await county.get(`/api/registry/households?region=${VILLAGE}&${query}`);
    expect(r.status, r.text).toBe(200);
    return r.body.items as { id: number; status: string; memberCount: number }[];
  };
  const register = async (body: ReturnType<typeof householdBody>) => {
    const r = await county.post('/api/registry/households', body);
    expect(r.status, r.text).toBe(200);
    return Number(r.body.id);
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    village = await loggedIn(t.app, 'haifeng');
    other = await loggedIn(t.app, 'yixian');
  });
  afterAll(() => t.close());

  it('closes an exit through the register: audit diff, dated history, the closed month revised, list, search and figure', async () => {
    const body = householdBody(VILLAGE, 'WP-EXIT-1', 501, 'poor', 8000, '孙德福');
    exitedId = await register(body);
    const opened = await county.get(`/api/registry/households/${exitedId}`);
    const v0 = opened.body.version as number;
    expect(v0).toBe(await version(exitedId));
    const exitedBefore = await figure('hh_exited');
    expect(exitedBefore).toBe(await villageCount(['exited', 'monitored']));

    // A household registered long ago (its first status row dated so): the close below may be dated before today.
    await sql`UPDATE household_status_history SET changed_on = ${daysAgo(400)}::date
              WHERE county_code = ${COUNTY} AND household_id = ${exitedId}`.execute(db);
    const entry = await exitFixture(db, COUNTY, { householdId: exitedId, year: YEAR });
    const step = async (c: Client, action: string, date?: string) => {
      const d = await county.get(`/api/exit/households/${entry.id}`);
      const r = await c.post(`/api/exit/households/${entry.id}/steps`, { action, version: d.body.case.version, ...(date ? { date } : {}) });
      expect(r.status, `${action}: ${r.text}`).toBe(200);
    };
    for (const a of ['appraise', 'verify', 'agree']) await step(village, a);
    await step(village, 'publish', daysAgo(40));
    await step(township, 'announce', daysAgo(32));
    // The close is recorded late: dated 31 days ago, always in a closed month, whose snapshot is taken first.
    const closeDay = daysAgo(31);
    const month = `${closeDay.slice(0, 7)}-01`;
    await ensureMonth(db, closeDay.slice(0, 7));
    expect(await rows(sql`SELECT 1 FROM indicator_month WHERE month = ${month}::date`)).toHaveLength(1);
    await step(county, 'close', closeDay);

    const [h] = await rows<{ status: string; exit_year: number }>(
      sql`SELECT status, exit_year FROM household WHERE county_code = ${COUNTY} AND id = ${exitedId}`,
    );
    expect(h).toEqual({ status: 'exited', exit_year: YEAR });
    expect(await version(exitedId)).toBeGreaterThan(v0);
    const history = await rows<{ status: string; previous_status: string; changed_on: string; reason: string }>(sql`
      SELECT status, previous_status, to_char(changed_on, 'YYYY-MM-DD') AS changed_on, reason FROM household_status_history
      WHERE county_code = ${COUNTY} AND household_id = ${exitedId} ORDER BY id`);
    expect(history.at(-1)).toEqual({ status: 'exited', previous_status: 'poor', changed_on: closeDay, reason: 'exit' });
    // The back-dated row revised the closed month it reaches, naming the household (once the engine folded it).
    await refresh(db, { wait: true });
    const revised = await rows(sql`
      SELECT 1 FROM indicator_month_revision WHERE month = ${month}::date AND source = 'household_status_history'
        AND household_id = ${exitedId} AND dated = ${closeDay}::date`);
    expect(revised).toHaveLength(1);
    // One audit row of the household, an edit whose field list names the status and the exit year.
    const audit = await auditRows(exitedId);
    expect(audit.map((a) => a.action)).toEqual(['create', 'status_change']);
    expect(audit[1]?.before?.status).toBe('poor');
    expect(audit[1]?.after?.status).toBe('exited');
    expect(audit[1]?.after?.change).toMatchObject({ date: closeDay, reason: 'exit', source: `exit_household:${entry.id}` });
    const shown = (await pageAudit(exitedId)).find((a) => a.action === 'status_change');
    expect(shown?.changes.map((c) => c.path).sort()).toEqual(['exitYear', 'status']);
    // The list, its status filter and the search show the new state.
    expect((await listed('q=WP-EXIT-1')).map((i) => [i.id, i.status])).toEqual([[exitedId, 'exited']]);
    expect((await listed('status=exited')).map((i) => i.id)).toContain(exitedId);
    expect((await listed('status=poor')).map((i) => i.id)).not.toContain(exitedId);
    expect((await listed(`q=${encodeURIComponent('孙德福')}`)).map((i) => [i.id, i.status])).toEqual([[exitedId, 'exited']]);
    // The village's figure moved by one, as SQL counts it.
    const exitedAfter = await figure('hh_exited');
    expect(exitedAfter).toBe(await villageCount(['exited', 'monitored']));
    expect(exitedAfter).toBe(exitedBefore + 1);

    // A form opened before the close cannot save over it: 409, and nothing of it is written.
    const auditCount = audit.length;
    const historyCount = history.length;
    const stale = await county.put(`/api/registry/households/${exitedId}`, {
      ...body,
      cause: 'disability',
      members: opened.body.members.map((m: { personId: number }, i: number) => ({ ...body.members[i], personId: m.personId })),
      version: v0,
    });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.error.code).toBe('HOUSEHOLD_VERSION');
    const [still] = await rows<{ status: string; cause: string }>(
      sql`SELECT status, cause FROM household WHERE county_code = ${COUNTY} AND id = ${exitedId}`,
    );
    expect(still).toEqual({ status: 'exited', cause: 'illness' });
    expect(await auditRows(exitedId)).toHaveLength(auditCount);
    expect(
      await rows(sql`SELECT 1 FROM household_status_history WHERE county_code = ${COUNTY} AND household_id = ${exitedId}`),
    ).toHaveLength(historyCount);
    expect(await rows(sql`SELECT 1 FROM import_batch WHERE filename = 'form'`)).toEqual([]);
    // Read again, the same edit goes through.
    const fresh = await county.get(`/api/registry/households/${exitedId}`);
    const ok = await county.put(`/api/registry/households/${exitedId}`, {
      ...body,
      status: 'exited',
      exitYear: YEAR,
      cause: 'disability',
      members: fresh.body.members.map((m: { personId: number }, i: number) => ({ ...body.members[i], personId: m.personId })),
      version: fresh.body.version,
    });
    expect(ok.status, ok.text).toBe(200);
    expect((await auditRows(exitedId)).map((a) => a.action)).toEqual(['create', 'status_change', 'update']);
    expect(await version(exitedId)).toBeGreaterThan(fresh.body.version);
  });

  it('keeps another county out: 404 like a missing household, on the page, the form and the write path', async () => {
    expect((await other.get(`/api/registry/households/${exitedId}`)).status).toBe(404);
    const v = await version(exitedId);
    const put = await other.put(`/api/registry/households/${exitedId}`, {
      ...householdBody(VILLAGE, 'WP-EXIT-1', 501, 'poor', 8000),
      version: v,
    });
    expect(put.status).toBe(404);
    const attempt = db
      .transaction()
      .execute((tx) =>
        setHouseholdStatus(
          tx,
          { countyCode: COUNTY, id: exitedId },
          { actor: { id: null, username: 'yixian' }, scopeCode: '210727' },
          { status: 'returned', date: TODAY, reason: 'test' },
        ),
      );
    await expect(attempt).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const [h] = await rows<{ status: string }>(sql`SELECT status FROM household WHERE county_code = ${COUNTY} AND id = ${exitedId}`);
    expect(h?.status).toBe('exited');
    expect(await version(exitedId)).toBe(v);
  });

  it('refuses a status date before the latest change or after today, writing nothing', async () => {
    const v = await version(exitedId);
    const write = (date: string) =>
      db
        .transaction()
        .execute((tx) =>
          setHouseholdStatus(
            tx,
            { countyCode: COUNTY, id: exitedId },
            { actor: { id: null, username: 'beipiao' }, scopeCode: COUNTY },
            { status: 'returned', date, reason: 'test' },
          ),
        );
    await expect(write(daysAgo(100))).rejects.toMatchObject({ code: 'HOUSEHOLD_STATUS_DATE', status: 409 });
    await expect(write('2999-01-01')).rejects.toMatchObject({ code: 'HOUSEHOLD_STATUS_FUTURE', status: 400 });
    expect(await version(exitedId)).toBe(v);
  });

  it('confirms a death through the register: the member leaves, audited with the diff, search and figure follow', async () => {
    const body = householdBody(VILLAGE, 'WP-DEATH-1', 511, 'exited', 8000, '钱永福');
    const id = await register(body);
    const opened = await county.get(`/api/registry/households/${id}`);
    const v0 = opened.body.version as number;
    const personsBefore = await figure('persons_exited');
    expect(personsBefore).toBe(await villageCount(['exited', 'monitored'], true));
    const daughter = body.members[1] as { name: string; idNumber: string };
    expect((await listed(`q=${encodeURIComponent(daughter.name)}`)).map((i) => i.id)).toContain(id);

    const csv = ['姓名,证件号码,死亡日期,备注', `${daughter.name},${daughter.idNumber},${daysAgo(3)},户籍注销`].join('\n');
    const up = await county.upload(`\ufeff${csv}`, 'deaths.csv', '/api/comparison/batches?department=death');
    expect(up.status, up.text).toBe(200);
    expect((await county.post(`/api/comparison/batches/${up.body.id}/match`)).body.hits).toBe(1);
    const [hit] = (await county.get('/api/comparison/hits?department=death&state=open')).body.items;
    const confirmed = await county.post(`/api/comparison/hits/${hit.id}/decision`, { decision: 'confirm', reason: '经核实已去世' });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body.action).toBe('membership_ended');

    const [h] = await rows<{ members: number; member_count: number; persons: number }>(sql`
      SELECT (SELECT count(*)::int FROM household_member m WHERE m.county_code = h.county_code AND m.household_id = h.id) AS members,
             h.member_count,
             (SELECT count(*)::int FROM person p WHERE p.county_code = h.county_code AND p.id = ${hit.person.id}) AS persons
      FROM household h WHERE h.county_code = ${COUNTY} AND h.id = ${id}`);
    expect(h).toEqual({ members: 1, member_count: 1, persons: 1 });
    expect(await version(id)).toBeGreaterThan(v0);
    const audit = await auditRows(id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'member_end']);
    expect(audit[1]?.before?.members).toHaveLength(2);
    expect(audit[1]?.after?.members).toHaveLength(1);
    expect(audit[1]?.after?.change).toMatchObject({ cause: 'death', source: `comparison_hit:${hit.id}`, note: '经核实已去世' });
    const shown = (await pageAudit(id)).find((a) => a.action === 'member_end');
    expect(shown?.changes.length).toBeGreaterThan(0);
    expect(shown?.changes.every((c) => c.path.startsWith('members'))).toBe(true);
    // Found by the head still, no longer by the person who died; one member in the list.
    expect((await listed(`q=${encodeURIComponent('钱永福')}`)).map((i) => [i.id, i.memberCount])).toEqual([[id, 1]]);
    expect((await listed(`q=${encodeURIComponent(daughter.name)}`)).map((i) => i.id)).not.toContain(id);
    const personsAfter = await figure('persons_exited');
    expect(personsAfter).toBe(await villageCount(['exited', 'monitored'], true));
    expect(personsAfter).toBe(personsBefore - 1);

    // The form opened before the death was confirmed would put the member back: refused, nothing written.
    const stale = await county.put(`/api/registry/households/${id}`, {
      ...body,
      members: opened.body.members.map((m: { personId: number }, i: number) => ({ ...body.members[i], personId: m.personId })),
      version: v0,
    });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.error.code).toBe('HOUSEHOLD_VERSION');
    expect(await rows(sql`SELECT 1 FROM household_member WHERE county_code = ${COUNTY} AND household_id = ${id}`)).toHaveLength(1);
    expect(await auditRows(id)).toHaveLength(2);
  });

  it('creates a monitoring-only household through the register with its case, or neither', async () => {
    const monitoredBefore = await figure('hh_monitored');
    expect(monitoredBefore).toBe(await villageCount(['monitored']));
    const { villageCode: _v, status: _s, ...household } = householdBody(VILLAGE, 'WP-MON-1', 521, 'monitored', 4200, '李守田');
    const made = await village.post('/api/monitoring/cases', {
      villageCode: VILLAGE,
      kind: 'marginal',
      risk: '收入不稳定',
      income: 4200,
      household,
    });
    expect(made.status, made.text).toBe(200);
    const [h] = await rows<{ id: number; status: string; version: number }>(sql`
      SELECT h.id, h.status, h.version FROM monitoring_case m JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id
      WHERE m.id = ${made.body.id} AND m.monitoring_only`);
    const id = Number(h?.id);
    expect(h?.status).toBe('monitored');
    expect(h?.version).toBeGreaterThan(0);
    const history = await rows<{ status: string; changed_on: string; reason: string }>(sql`
      SELECT status, to_char(changed_on, 'YYYY-MM-DD') AS changed_on, reason FROM household_status_history
      WHERE county_code = ${COUNTY} AND household_id = ${id}`);
    expect(history).toEqual([{ status: 'monitored', changed_on: TODAY, reason: 'form' }]);
    const audit = await auditRows(id);
    expect(audit.map((a) => [a.action, a.after?.status])).toEqual([['create', 'monitored']]);
    expect((await listed('q=WP-MON-1')).map((i) => [i.id, i.status])).toEqual([[id, 'monitored']]);
    const monitoredAfter = await figure('hh_monitored');
    expect(monitoredAfter).toBe(await villageCount(['monitored']));
    expect(monitoredAfter).toBe(monitoredBefore + 1);

    // Refused by the monitoring rule (income above the line): no household, no audit row, no history.
    const above = householdBody(VILLAGE, 'WP-MON-2', 531, 'monitored', 90000, '李守业');
    const refused = await village.post('/api/monitoring/cases', {
      villageCode: VILLAGE,
      kind: 'marginal',
      risk: '收入不稳定',
      income: 90000,
      household: { ...above, villageCode: undefined, status: undefined },
    });
    expect(refused.status).toBe(409);
    expect(await rows(sql`SELECT 1 FROM household WHERE county_code = ${COUNTY} AND household_no = 'WP-MON-2'`)).toEqual([]);
    expect(await rows(sql`SELECT 1 FROM audit_log WHERE entity = 'household' AND after->>'householdNo' = 'WP-MON-2'`)).toEqual([]);
  });
});
