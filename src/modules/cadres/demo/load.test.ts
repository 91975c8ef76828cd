import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openSeeded } from '../../../../tests/support/db.ts';
import type { Database } from '../../../db/connection.ts';
import { thisDay } from '../../../server/clock.ts';
import { decrypt, lookupHash, maskId, parseKey } from '../../pii/crypto.ts';
import { loadDemo } from '../../registry/demo/load.ts';
import { parseIdNumber } from '../../registry/idcard.ts';
import { idTailHash } from '../../registry/search/keys.ts';
import { END_REASONS } from '../schema.ts';
import { type CadreDemoResult, loadDemoCadres } from './load.ts';

/**
 * The demo cadres as they land in the database, on both engines, checked with direct SQL: every poor village staffed,
 * each case's state and steps agreeing with its record's dates, one village at a time per person, no overlapping
 * leave, ID numbers sealed like the register's and unique, and the resident cadre's login on its posting.
 */
const KEYS = parseKey(randomBytes(64).toString('base64'));
const HAIFENG = '211381109201';

describe.each(engines())('demo cadres loaded on %s', (engine) => {
  let database: Database;
  let result: CadreDemoResult | null;
  const today = thisDay();
  const d = sql`${today}::date`;
  const rows = async <T = Record<string, unknown>>(q: RawBuilder<unknown>) => (await q.execute(database.db)).rows as T[];

  beforeAll(async () => {
    database = await openSeeded(engine);
    await loadDemo(database.db, KEYS, { scale: 0.004 });
    result = await loadDemoCadres(database.db, KEYS);
  }, 600_000);
  afterAll(() => database?.close());

  it('staffs every poor village, exited ones too, with 3–5 in post: one first secretary, one team leader', async () => {
    const teams = await rows<{ village_code: string; n: number; fs: number; tl: number; exited: boolean }>(sql`
      SELECT v.village_code, count(p.id)::int AS n, v.exit_year IS NOT NULL AS exited,
             count(p.id) FILTER (WHERE p.role = 'first_secretary')::int AS fs, count(p.id) FILTER (WHERE p.role = 'team_leader')::int AS tl
      FROM poor_village v
      LEFT JOIN cadre_posting p ON p.county_code = v.county_code AND p.village_code = v.village_code
        AND p.confirmed_on <= ${d} AND p.start_date <= ${d} AND p.end_date IS NULL
      GROUP BY v.village_code, v.exit_year`);
    expect(teams.length).toBeGreaterThan(5);
    expect(teams.filter((t) => t.n < 3 || t.n > 5 || t.fs !== 1 || t.tl !== 1)).toEqual([]);
    expect(teams.map((t) => t.village_code)).toContain(HAIFENG);
    expect(result).toMatchObject({ residentLogin: 'zhucun' });
    expect(result?.postings).toBeGreaterThan(teams.reduce((a, t) => a + t.n, 0));
  });

  it('keeps each posting case in the state its dates say, with the steps to match', async () => {
    const [n] = await rows<{ postings: number; cases: number }>(sql`
      SELECT (SELECT count(*)::int FROM cadre_posting) AS postings, (SELECT count(*)::int FROM procedure_case WHERE procedure = 'cadres.posting') AS cases`);
    expect(n?.cases).toBe(n?.postings);
    const wrong = await rows(sql`
      WITH s AS (
        SELECT c.county_code, c.subject_id, c.state, c.version, c.closed_at, c.state_since, c.opened_at, count(*)::int AS n, max(st.seq) AS top,
               array_agg(st.action ORDER BY st.seq) AS actions, array_agg(st.effective_date ORDER BY st.seq) AS eff,
               array_agg(st.to_state ORDER BY st.seq) AS tos, min(st.at) AS first_at, max(st.at) AS last_at, bool_and(st.at <= now()) AS past
        FROM procedure_case c JOIN procedure_step st ON st.county_code = c.county_code AND st.case_id = c.id
        WHERE c.procedure = 'cadres.posting' GROUP BY c.county_code, c.id)
      SELECT p.id, s.state, s.actions FROM cadre_posting p JOIN s ON s.county_code = p.county_code AND s.subject_id = p.id
      WHERE NOT (
        CASE s.state
          WHEN 'in_post' THEN p.confirmed_on IS NOT NULL AND p.end_date IS NULL
          WHEN 'proposed' THEN p.confirmed_on IS NULL AND p.end_date IS NULL
          WHEN 'withdrawn' THEN p.confirmed_on IS NULL AND p.end_kind = 'withdrawn' AND p.end_date = p.start_date
          ELSE p.confirmed_on IS NOT NULL AND p.end_date IS NOT NULL AND p.end_kind = s.state END
        AND s.actions[1] = 'open' AND s.eff[1] = p.start_date AND (s.first_at AT TIME ZONE 'UTC')::date <= p.start_date
        AND (p.confirmed_on IS NULL OR (s.actions[2] = 'confirm' AND s.eff[2] = p.confirmed_on))
        AND (p.confirmed_on IS NOT NULL) = ('confirm' = ANY(s.actions))
        AND (p.end_date IS NULL OR (s.eff[s.n] = p.end_date AND s.actions[s.n] =
              CASE p.end_kind WHEN 'finished' THEN 'finish' WHEN 'rotated' THEN 'rotate' WHEN 'replaced' THEN 'replace' ELSE 'withdraw' END))
        AND s.tos[s.n] = s.state AND s.version = s.n AND s.top = s.n AND s.past
        AND s.opened_at = s.first_at AND s.state_since = s.last_at
        AND (s.closed_at IS NOT NULL) = (s.state IN ('finished', 'rotated', 'replaced', 'withdrawn')))`);
    expect(wrong).toEqual([]);
    const disorder = await rows(sql`
      SELECT a.case_id FROM procedure_step a JOIN procedure_step b ON b.county_code = a.county_code AND b.case_id = a.case_id AND b.seq = a.seq + 1
      WHERE b.at <= a.at OR b.from_state IS DISTINCT FROM a.to_state`);
    expect(disorder).toEqual([]);
  });

  it('links each successor to the posting it replaced, ended as a replacement with a reason code', async () => {
    const wrong = await rows(sql`
      SELECT n.id FROM cadre_posting n LEFT JOIN cadre_posting o ON o.county_code = n.county_code AND o.id = n.replaces_id
      WHERE n.replaces_id IS NOT NULL AND NOT coalesce(o.end_kind = 'replaced' AND o.village_code = n.village_code AND o.role = n.role
        AND o.end_date < n.start_date AND o.end_reason_code = ANY(${[...END_REASONS]}::text[]) AND o.end_reason IS NOT NULL, false)`);
    expect(wrong).toEqual([]);
    const [c] = await rows<{ replaced: number; successors: number }>(sql`
      SELECT count(*) FILTER (WHERE end_kind = 'replaced')::int AS replaced, count(replaces_id)::int AS successors FROM cadre_posting`);
    expect(c?.successors).toBe(c?.replaced);
  });

  it('posts a person in one village at a time', async () => {
    const twice = await rows(sql`
      SELECT a.cadre_id FROM cadre_posting a
      JOIN cadre_posting b ON b.county_code = a.county_code AND b.cadre_id = a.cadre_id AND b.id > a.id
      WHERE a.start_date <= coalesce(b.end_date, 'infinity') AND b.start_date <= coalesce(a.end_date, 'infinity')`);
    expect(twice).toEqual([]);
    const open = await rows(sql`
      SELECT p.cadre_id FROM cadre_posting p
      JOIN procedure_case c ON c.county_code = p.county_code AND c.procedure = 'cadres.posting' AND c.subject_id = p.id
      WHERE c.state IN ('proposed', 'in_post') GROUP BY p.county_code, p.cadre_id HAVING count(*) > 1`);
    expect(open).toEqual([]);
  });

  it('grants leave inside the posting, never overlapping, decided by the township up to 3 days and the county beyond', async () => {
    const overlaps = await rows(sql`
      SELECT a.id FROM cadre_leave a
      JOIN cadre_leave b ON b.county_code = a.county_code AND b.posting_id = a.posting_id AND b.id > a.id
      WHERE a.start_date <= b.end_date AND b.start_date <= a.end_date`);
    expect(overlaps).toEqual([]);
    const wrong = await rows(sql`
      SELECT l.id, c.state, s.actions, s.scopes FROM cadre_leave l
      JOIN cadre_posting p ON p.county_code = l.county_code AND p.id = l.posting_id
      JOIN procedure_case c ON c.county_code = l.county_code AND c.procedure = 'cadres.leave' AND c.subject_id = l.id
      JOIN LATERAL (
        SELECT array_agg(st.action ORDER BY st.seq) AS actions, array_agg(st.actor_scope ORDER BY st.seq) AS scopes
        FROM procedure_step st WHERE st.county_code = c.county_code AND st.case_id = c.id) s ON TRUE
      WHERE NOT (
        CASE c.state
          WHEN 'taken' THEN l.end_date < ${d} AND s.actions = ARRAY['open', 'approve', 'close'] AND c.closed_at IS NOT NULL
          WHEN 'approved' THEN l.end_date >= ${d} AND s.actions = ARRAY['open', 'approve'] AND c.closed_at IS NULL
          WHEN 'requested' THEN s.actions = ARRAY['open'] AND c.due_date = (c.opened_at AT TIME ZONE 'UTC')::date + 2
          WHEN 'rejected' THEN s.actions = ARRAY['open', 'reject']
          WHEN 'cancelled' THEN s.actions = ARRAY['open', 'cancel']
          ELSE false END
        AND c.region_code = p.village_code AND s.scopes[1] = p.village_code
        AND (coalesce(s.actions[2], '') NOT IN ('approve', 'reject') OR s.scopes[2] = left(p.village_code, CASE WHEN l.end_date - l.start_date + 1 > 3 THEN 6 ELSE 9 END))
        AND l.start_date >= p.confirmed_on AND l.end_date <= coalesce(p.end_date, p.planned_end_date))`);
    expect(wrong).toEqual([]);
    const [n] = await rows<{ leaves: number; overdue: number; proposals: number; haifeng: number }>(sql`
      SELECT count(*) FILTER (WHERE procedure = 'cadres.leave')::int AS leaves,
             count(*) FILTER (WHERE procedure = 'cadres.leave' AND closed_at IS NULL AND due_date < ${d})::int AS overdue,
             count(*) FILTER (WHERE procedure = 'cadres.leave' AND closed_at IS NULL AND due_date < ${d} AND region_code = ${HAIFENG})::int AS haifeng,
             count(*) FILTER (WHERE procedure = 'cadres.posting' AND closed_at IS NULL AND due_date < ${d})::int AS proposals
      FROM procedure_case`);
    // Two requests and two proposals past their deadline (the overdue alerts); one request where the demo accounts look.
    expect(n).toMatchObject({ leaves: result?.leaves, overdue: 2, proposals: 2, haifeng: 1 });
  });

  it('seals the cadres’ ID numbers like the register’s: valid, of the county, unique, one person each', async () => {
    const persons = await rows<Record<string, string>>(sql`
      SELECT pe.county_code, pe.id_hash, pe.id_cipher, pe.id_masked, pe.id_tail_hash, pe.gender, to_char(pe.birth_date, 'YYYY-MM-DD') AS birth,
             pe.name_pinyin, p.village_code
      FROM cadre k JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
      JOIN cadre_posting p ON p.county_code = k.county_code AND p.cadre_id = k.id`);
    expect(persons.length).toBe(result?.postings);
    for (const p of persons) {
      const id = decrypt(KEYS, p.id_cipher as string);
      expect(parseIdNumber(id)).toMatchObject({ regionCode: p.county_code, birthDate: p.birth, gender: p.gender });
      expect(p.village_code?.slice(0, 6)).toBe(p.county_code);
      expect([p.id_hash, p.id_masked, p.id_tail_hash]).toEqual([lookupHash(KEYS, id), maskId(id), idTailHash(KEYS, id)]);
      expect(p.name_pinyin).toMatch(/^[a-z]+$/);
    }
    const [u] = await rows<{ persons: number; hashes: number; directory: number; members: number }>(sql`
      SELECT (SELECT count(*)::int FROM person) AS persons, (SELECT count(DISTINCT id_hash)::int FROM person) AS hashes,
             (SELECT count(*)::int FROM person pe JOIN person_identity i ON i.id_hash = pe.id_hash AND i.county_code = pe.county_code AND i.person_id = pe.id) AS directory,
             (SELECT count(*)::int FROM cadre k JOIN household_member m ON m.county_code = k.county_code AND m.person_id = k.person_id) AS members`);
    expect(u).toMatchObject({ hashes: u?.persons, directory: u?.persons, members: 0 });
  });

  it('gives the first secretary of 海丰村 the resident cadre login, tied to the posting; loads only once', async () => {
    const [z] = await rows(sql`
      SELECT u.role, u.scope_code, u.is_demo, u.display_name = pe.name AS named, p.role AS posting_role, c.state
      FROM app_user u
      JOIN cadre_posting p ON p.county_code = u.posting_county AND p.id = u.posting_id
      JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
      JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
      JOIN procedure_case c ON c.county_code = p.county_code AND c.procedure = 'cadres.posting' AND c.subject_id = p.id
      WHERE u.username = 'zhucun'`);
    expect(z).toEqual({
      role: 'resident_cadre',
      scope_code: HAIFENG,
      is_demo: true,
      named: true,
      posting_role: 'first_secretary',
      state: 'in_post',
    });
    expect(await loadDemoCadres(database.db, KEYS)).toBeNull();
  });

  it('gives every village with a posting an approximate point inside its county, and twelve months of check-ins with the patterns flagged', async () => {
    const geo = JSON.parse(readFileSync(new URL('../../../../data/geo/liaoning-counties.json', import.meta.url), 'utf8')) as {
      features: { properties: { code: string }; geometry: { coordinates: unknown } }[];
    };
    const box = new Map(
      geo.features.map((f) => {
        const flat =
          JSON.stringify(f.geometry.coordinates)
            .match(/-?\d+(\.\d+)?/g)
            ?.map(Number) ?? [];
        const lons = flat.filter((_, i) => i % 2 === 0);
        const lats = flat.filter((_, i) => i % 2 === 1);
        return [f.properties.code, [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)]];
      }),
    );
    const pts = await rows<{ village_code: string; lon: number; lat: number; source: string }>(sql`
      SELECT DISTINCT p.village_code, vp.lon, vp.lat, vp.source FROM cadre_posting p
      LEFT JOIN village_point vp ON vp.county_code = p.county_code AND vp.village_code = p.village_code
      WHERE p.confirmed_on IS NOT NULL AND p.end_date IS NULL`);
    expect(pts.length).toBeGreaterThan(5);
    for (const p of pts) {
      const [x0, x1, y0, y1] = box.get(p.village_code.slice(0, 6)) as number[];
      expect(p.source).toBe('approximate');
      expect(p.lon >= (x0 as number) && p.lon <= (x1 as number) && p.lat >= (y0 as number) && p.lat <= (y1 as number)).toBe(true);
    }
    const [c] = await rows<{ n: number; months: number; future: number; early: number; keys: number }>(sql`
      SELECT count(*)::int AS n, count(DISTINCT date_trunc('month', device_time))::int AS months,
             count(*) FILTER (WHERE received_at > now())::int AS future, count(*) FILTER (WHERE received_at < device_time)::int AS early,
             (SELECT count(*)::int FROM cadre_device WHERE public_key->>'crv' = 'P-256' AND length(public_key->>'x') = 43) AS keys
      FROM cadre_checkin`);
    expect(c?.n).toBe(result?.attendance?.checkins);
    expect(c?.months).toBeGreaterThanOrEqual(12);
    expect([c?.future, c?.early]).toEqual([0, 0]);
    expect(c?.keys).toBe(result?.attendance?.devices);
    const codes = (await rows<{ code: string }>(sql`SELECT DISTINCT code FROM cadre_flag WHERE county_code = '211381' ORDER BY code`)).map(
      (x) => x.code,
    );
    expect(codes).toEqual(
      expect.arrayContaining(['name_only', 'commuting_no_night', 'forged_repeated_position', 'forged_accuracy', 'forged_shared_device']),
    );
    // Mostly honest: most cadres meet the standard in the last full month.
    const [share] = await rows<{ ok: number; n: number }>(sql`
      SELECT count(*) FILTER (WHERE compliant)::int AS ok, count(*)::int AS n FROM cadre_attendance_month
      WHERE month = (date_trunc('month', now()) - interval '1 month')::date`);
    expect((share?.ok ?? 0) / (share?.n ?? 1)).toBeGreaterThan(0.6);
    // Work logs on days the cadre was there, visits to households of the cadre's own village.
    const [f] = await rows<{ logs: number; stray: number; visits: number; elsewhere: number; months: number }>(sql`
      SELECT (SELECT count(*)::int FROM cadre_work_log) AS logs,
             (SELECT count(*)::int FROM cadre_work_log l WHERE NOT EXISTS (
                SELECT 1 FROM cadre_checkin c WHERE c.county_code = l.county_code AND c.posting_id = l.posting_id
                  AND (c.device_time AT TIME ZONE 'Asia/Shanghai')::date = l.log_date)) AS stray,
             (SELECT count(*)::int FROM cadre_visit) AS visits,
             (SELECT count(*)::int FROM cadre_visit v JOIN cadre_posting p ON p.county_code = v.county_code AND p.id = v.posting_id
                JOIN household h ON h.county_code = v.county_code AND h.id = v.household_id WHERE h.village_code <> p.village_code) AS elsewhere,
             (SELECT count(DISTINCT date_trunc('month', log_date))::int FROM cadre_work_log) AS months`);
    expect(f?.logs).toBe(result?.fieldLogs?.logs);
    expect(f?.visits).toBe(result?.fieldLogs?.visits);
    expect(f?.logs).toBeGreaterThan(50);
    expect(f?.visits).toBeGreaterThan(20);
    expect([f?.stray, f?.elsewhere]).toEqual([0, 0]);
    expect(f?.months).toBeGreaterThanOrEqual(12);
  });
});
