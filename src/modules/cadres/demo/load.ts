import { sql } from 'kysely';
import type { Db, Tx } from '../../../db/types.ts';
import { today } from '../../../server/clock.ts';
import { timed } from '../../../server/timing.ts';
import * as audit from '../../audit/service.ts';
import { encrypt, lookupHash, maskId, maskPhone, type PiiKeys } from '../../pii/crypto.ts';
import { procedureSettings } from '../../procedures/service.ts';
import { idTailHash, nameSearchKeys } from '../../registry/search/keys.ts';
import { createUser, DEMO_PASSWORD } from '../../users/service.ts';
import { LEAVE, POSTING } from '../procedures.ts';
import { type AttendanceDemoResult, loadDemoAttendance } from './attendance.ts';
import type { DemoActor, DemoCase } from './cases.ts';
import { loadDemoFieldLogs } from './fieldlog.ts';
import { type CadreDemo, type CadreVillage, generateCadres } from './generate.ts';

/** The resident cadre's demo login: the first secretary of 海丰村 (the `haifeng` account's village). */
export const RESIDENT_LOGIN = { username: 'zhucun', villageCode: '211381109201' } as const;

export interface CadreDemoResult {
  units: number;
  cadres: number;
  postings: number;
  leaves: number;
  /** The resident cadre's login, when the demo accounts exist and it was made. */
  residentLogin: string | null;
  /** Village points, phones, twelve months of check-ins and their computed months. */
  attendance?: AttendanceDemoResult;
  /** Work logs written on days of presence, and the household visits half of them record. */
  fieldLogs?: { logs: number; visits: number };
}

/** One line for the start-up log and the CLI. */
export const describeCadreDemo = (c: CadreDemoResult) =>
  `demo cadres: ${c.postings} postings of ${c.cadres} cadres from ${c.units} units, ${c.leaves} leave requests` +
  (c.residentLogin ? `; resident cadre login ${c.residentLogin}` : '') +
  (c.attendance ? `; ${c.attendance.checkins} check-ins over ${c.attendance.months} months, ${c.attendance.flags} attendance flags` : '') +
  (c.fieldLogs ? `; ${c.fieldLogs.logs} work logs, ${c.fieldLogs.visits} household visits` : '');

const CHUNK = 20_000;
const col = <T, K extends keyof T>(rows: readonly T[], k: K) => rows.map((r) => r[k]);

/** Ids for `n` new rows of a table, taken from its identity sequence (rows refer to each other before they exist). */
async function newIds(tx: Tx, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const r = await sql<{
    id: string;
  }>`SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::text AS id FROM generate_series(1, ${n})`.execute(tx);
  return r.rows.map((x) => Number(x.id));
}

async function inChunks<T>(rows: readonly T[], write: (part: readonly T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** What the generator reads from the database: the poor villages, the regions' names, the demo accounts, the settings. */
async function inputs(db: Db, province: string) {
  const villages = (
    await sql<CadreVillage>`
      SELECT v.village_code AS code, v.county_code, r.parent_code AS township_code, v.year_listed
      FROM poor_village v JOIN region r ON r.code = v.village_code
      WHERE v.county_code LIKE ${`${province}%`} ORDER BY v.village_code`.execute(db)
  ).rows;
  const codes = [province, ...new Set(villages.flatMap((v) => [v.county_code.slice(0, 4), v.county_code, v.township_code]))];
  const names = new Map(
    (await sql<{ code: string; name: string }>`SELECT code, name FROM region WHERE code = ANY(${codes}::text[])`.execute(db)).rows.map(
      (r) => [r.code, r.name],
    ),
  );
  // The demo's county and township accounts take their regions' steps (the history names someone one can log in as).
  const actors = new Map<string, DemoActor>(
    (
      await sql<{ id: string; username: string; scope_code: string }>`
        SELECT id::text, username, scope_code FROM app_user
        WHERE is_demo AND NOT disabled AND role IN ('county_operator', 'township_operator') ORDER BY id`.execute(db)
    ).rows.map((u) => [u.scope_code, { id: Number(u.id), name: u.username, scope: u.scope_code }]),
  );
  const posting = await procedureSettings(db, POSTING, province);
  const leave = await procedureSettings(db, LEAVE, province);
  const days = {
    confirm: posting['cadres.posting_confirm_days'] ?? 30,
    leaveApprove: leave['cadres.leave_approve_days'] ?? 2,
    townshipMax: leave['cadres.leave_township_max_days'] ?? 3,
  };
  // The first overdue proposal and leave request go where the demo accounts look: 海丰村 first, then the township, the county.
  const focus = [RESIDENT_LOGIN.villageCode, ...[...actors.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b))];
  return { villages, names, actors, days, focus };
}

/** The cases of postings and leave requests with their steps, under ids taken beforehand. */
async function writeCases(tx: Tx, procedure: string, items: { county: string; subject: number; c: DemoCase }[]) {
  const ids = await newIds(tx, 'procedure_case', items.length);
  const cases = items.map((x, i) => {
    const first = x.c.steps[0];
    const last = x.c.steps.at(-1);
    if (!first || !last) throw new Error(`${procedure} ${x.subject}: a case without steps`);
    const def = procedure === POSTING.id ? POSTING : LEAVE;
    return {
      county: x.county,
      id: ids[i] as number,
      subject: x.subject,
      region: x.c.region,
      state: last.to,
      since: last.at,
      due: x.c.due,
      opened: first.at,
      closed: def.states[last.to]?.terminal ? last.at : null,
      version: x.c.steps.length,
    };
  });
  await inChunks(cases, (p) =>
    sql`INSERT INTO procedure_case (county_code, id, procedure, subject_id, region_code, state, state_since, due_date, opened_at, closed_at, version)
      SELECT c, i, ${procedure}, s, r, st, ss, d, o, cl, v
      FROM unnest(${col(p, 'county')}::text[], ${col(p, 'id')}::bigint[], ${col(p, 'subject')}::bigint[], ${col(p, 'region')}::text[],
                  ${col(p, 'state')}::text[], ${col(p, 'since')}::timestamptz[], ${col(p, 'due')}::date[], ${col(p, 'opened')}::timestamptz[],
                  ${col(p, 'closed')}::timestamptz[], ${col(p, 'version')}::int[]) AS t(c, i, s, r, st, ss, d, o, cl, v)`.execute(tx),
  );
  const steps = items.flatMap((x, i) => x.c.steps.map((s, k) => ({ county: x.county, case: ids[i] as number, seq: k + 1, ...s })));
  await inChunks(steps, (p) =>
    sql`INSERT INTO procedure_step (county_code, case_id, seq, action, from_state, to_state, at, effective_date, actor_id, actor_name, actor_scope, reason)
      SELECT * FROM unnest(${col(p, 'county')}::text[], ${col(p, 'case')}::bigint[], ${col(p, 'seq')}::int[], ${col(p, 'action')}::text[],
                           ${col(p, 'from')}::text[], ${col(p, 'to')}::text[], ${col(p, 'at')}::timestamptz[], ${col(p, 'effective')}::date[],
                           ${p.map((s) => s.actor.id)}::bigint[], ${p.map((s) => s.actor.name)}::text[], ${p.map((s) => s.actor.scope)}::text[],
                           ${col(p, 'reason')}::text[])`.execute(tx),
  );
}

/** Writes a generated demo in one transaction: set-based inserts, a handful of statements per table. */
async function write(tx: Tx, keys: PiiKeys, d: CadreDemo) {
  await sql`INSERT INTO dispatch_unit (name, level, region_code)
    SELECT * FROM unnest(${col(d.units, 'name')}::text[], ${col(d.units, 'level')}::text[], ${col(d.units, 'region_code')}::text[])
    ON CONFLICT (region_code, name) DO NOTHING`.execute(tx);
  const unitIds = new Map(
    (
      await sql<{ id: string; key: string }>`
        SELECT id::text, region_code || '/' || name AS key FROM dispatch_unit WHERE region_code = ANY(${[...new Set(col(d.units, 'region_code'))]}::text[])`.execute(
        tx,
      )
    ).rows.map((r) => [r.key, Number(r.id)]),
  );
  const unitId = (i: number) => unitIds.get(`${d.units[i]?.region_code}/${d.units[i]?.name}`) as number;

  // Persons exactly as the register's import writes them: sealed, hashed, masked, with their search keys.
  const persons = d.cadres.map((c) => ({
    county: c.county_code,
    hash: lookupHash(keys, c.id_number),
    cipher: encrypt(keys, c.id_number),
    masked: maskId(c.id_number),
    tail: idTailHash(keys, c.id_number),
    name: c.name,
    ...nameSearchKeys(c.name),
    gender: c.gender,
    birth: c.birth_date,
    phoneCipher: encrypt(keys, c.phone),
    phoneMasked: maskPhone(c.phone),
    phoneHash: lookupHash(keys, c.phone),
  }));
  const personIds = new Map<string, number>();
  await inChunks(persons, async (p) => {
    const r = await sql<{ id: string; id_hash: string }>`
      WITH ins AS (
        INSERT INTO person (county_code, id_hash, id_cipher, id_masked, id_tail_hash, name, name_pinyin, name_initials, gender, birth_date,
                            phone_cipher, phone_masked, phone_hash)
        SELECT * FROM unnest(${col(p, 'county')}::text[], ${col(p, 'hash')}::text[], ${col(p, 'cipher')}::text[], ${col(p, 'masked')}::text[],
                             ${col(p, 'tail')}::text[], ${col(p, 'name')}::text[], ${col(p, 'pinyin')}::text[], ${col(p, 'initials')}::text[],
                             ${col(p, 'gender')}::text[], ${col(p, 'birth')}::date[], ${col(p, 'phoneCipher')}::text[],
                             ${col(p, 'phoneMasked')}::text[], ${col(p, 'phoneHash')}::text[])
        RETURNING county_code, id, id_hash),
      identity AS (INSERT INTO person_identity (id_hash, county_code, person_id) SELECT id_hash, county_code, id FROM ins)
      SELECT id::text, id_hash FROM ins`.execute(tx);
    for (const x of r.rows) personIds.set(x.id_hash, Number(x.id));
  });

  const cadreIds = await newIds(tx, 'cadre', d.cadres.length);
  await inChunks(
    d.cadres.map((c, i) => ({ ...c, id: cadreIds[i], person: personIds.get(persons[i]?.hash ?? ''), unitId: unitId(c.unit) })),
    (p) =>
      sql`INSERT INTO cadre (county_code, id, person_id, unit_id, post, rank, party_member)
      SELECT * FROM unnest(${col(p, 'county_code')}::text[], ${col(p, 'id')}::bigint[], ${col(p, 'person')}::bigint[], ${col(p, 'unitId')}::bigint[],
                           ${col(p, 'post')}::text[], ${col(p, 'rank')}::text[], ${col(p, 'party_member')}::bool[])`.execute(tx),
  );

  const postingIds = await newIds(tx, 'cadre_posting', d.postings.length);
  const postings = d.postings.map((p, i) => ({
    ...p,
    id: postingIds[i] as number,
    cadreId: cadreIds[p.cadre],
    unitId: unitId(p.unit),
    replacesId: p.replaces === null ? null : postingIds[p.replaces],
  }));
  await inChunks(postings, (p) =>
    sql`INSERT INTO cadre_posting (county_code, id, cadre_id, village_code, role, unit_id, start_date, planned_end_date, confirmed_on, end_date,
                                   end_kind, end_reason_code, end_reason, replaces_id)
      SELECT * FROM unnest(${col(p, 'county_code')}::text[], ${col(p, 'id')}::bigint[], ${col(p, 'cadreId')}::bigint[], ${col(p, 'village_code')}::text[],
                           ${col(p, 'role')}::text[], ${col(p, 'unitId')}::bigint[], ${col(p, 'start_date')}::date[], ${col(p, 'planned_end_date')}::date[],
                           ${col(p, 'confirmed_on')}::date[], ${col(p, 'end_date')}::date[], ${col(p, 'end_kind')}::text[],
                           ${col(p, 'end_reason_code')}::text[], ${col(p, 'end_reason')}::text[], ${col(p, 'replacesId')}::bigint[])`.execute(
      tx,
    ),
  );
  await writeCases(
    tx,
    POSTING.id,
    postings.map((p) => ({ county: p.county_code, subject: p.id, c: p.case })),
  );

  const leaveIds = await newIds(tx, 'cadre_leave', d.leaves.length);
  const leaves = d.leaves.map((l, i) => ({ ...l, id: leaveIds[i] as number, postingId: postingIds[l.posting] }));
  await inChunks(leaves, (p) =>
    sql`INSERT INTO cadre_leave (county_code, id, posting_id, kind, start_date, end_date, reason)
      SELECT * FROM unnest(${col(p, 'county_code')}::text[], ${col(p, 'id')}::bigint[], ${col(p, 'postingId')}::bigint[], ${col(p, 'kind')}::text[],
                           ${col(p, 'start_date')}::date[], ${col(p, 'end_date')}::date[], ${col(p, 'reason')}::text[])`.execute(tx),
  );
  await writeCases(
    tx,
    LEAVE.id,
    leaves.map((l) => ({ county: l.county_code, subject: l.id, c: l.case })),
  );
  return postingIds;
}

/**
 * The resident cadre's login for the first secretary in post in 海丰村, tied to the posting (it stops when the posting
 * ends). Made only where the demo accounts are (not on an install with real users only), and only once.
 */
async function residentLogin(tx: Tx, d: CadreDemo, postingIds: number[]): Promise<string | null> {
  const demoAccounts = await sql<{ n: number }>`SELECT count(*)::int AS n FROM app_user WHERE is_demo`.execute(tx);
  const taken = await sql`SELECT 1 FROM app_user WHERE username = ${RESIDENT_LOGIN.username}`.execute(tx);
  const i = d.postings.findIndex(
    (p) => p.village_code === RESIDENT_LOGIN.villageCode && p.role === 'first_secretary' && p.confirmed_on !== null && p.end_date === null,
  );
  const p = d.postings[i];
  if (!p || !demoAccounts.rows[0]?.n || taken.rows.length) return null;
  const user = await createUser(
    tx,
    audit.SYSTEM_ACTOR,
    null,
    {
      username: RESIDENT_LOGIN.username,
      displayName: d.cadres[p.cadre]?.name ?? '驻村干部',
      role: 'resident_cadre',
      scopeCode: p.village_code,
      password: DEMO_PASSWORD,
    },
    { isDemo: true, mustChangePassword: false },
  );
  await sql`UPDATE app_user SET posting_county = ${p.county_code}, posting_id = ${postingIds[i]} WHERE id = ${user.id}`.execute(tx);
  return RESIDENT_LOGIN.username;
}

/**
 * Loads the demo's resident cadres for the poor villages already in the database (after the demo register), in one
 * transaction. Nothing is done when the province has postings already (a second `fupin demo`).
 */
export async function loadDemoCadres(
  db: Db,
  keys: PiiKeys,
  opts: { seed?: number | string; provinceCode?: string; now?: Date; computeMonths?: number } = {},
): Promise<CadreDemoResult | null> {
  const province = opts.provinceCode ?? '21';
  const any = await sql`SELECT 1 FROM cadre_posting WHERE county_code LIKE ${`${province}%`} LIMIT 1`.execute(db);
  if (any.rows.length) return null;
  const input = await inputs(db, province);
  const d = await timed('demo.cadres.generate', async () =>
    generateCadres({ seed: opts.seed ?? 20170601, now: opts.now ?? today(), provinceCode: province, ...input }),
  );
  const loaded = await timed('demo.cadres.load', () =>
    db.transaction().execute(async (tx) => {
      const postingIds = await write(tx, keys, d);
      const login = await residentLogin(tx, d, postingIds);
      const counts = { units: d.units.length, cadres: d.cadres.length, postings: d.postings.length, leaves: d.leaves.length };
      await audit.record(tx, audit.SYSTEM_ACTOR, {
        scopeCode: province,
        entity: 'cadre_posting',
        entityId: province,
        action: 'demo_load',
        after: counts,
      });
      return { ...counts, residentLogin: login };
    }),
  );
  const attendance = await timed('demo.attendance', () =>
    loadDemoAttendance(db, { provinceCode: province, seed: opts.seed, computeMonths: opts.computeMonths }),
  );
  const fieldLogs = await timed('demo.fieldlogs', () => loadDemoFieldLogs(db, province));
  return { ...loaded, attendance, fieldLogs };
}
