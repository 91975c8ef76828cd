import { sql } from 'kysely';
import type { Db, Tx } from '../../../db/types.ts';
import { thisYear } from '../../../server/clock.ts';
import { timed } from '../../../server/timing.ts';
import * as audit from '../../audit/service.ts';
import { encrypt, lookupHash, maskId, type PiiKeys } from '../../pii/crypto.ts';
import { idTailHash, nameSearchKeys } from '../../registry/search/keys.ts';
import { generateParty, type PartyVillage } from './generate.ts';

export interface PartyCoreDemoResult {
  orgs: number;
  members: number;
  secretaries: number;
  wealthLeaders: number;
  pairings: number;
}

export const describePartyCoreDemo = (r: PartyCoreDemoResult) =>
  `demo party: ${r.orgs} organisations, ${r.members} members (${r.wealthLeaders} wealth leaders, ${r.pairings} pairings), ${r.secretaries} secretary terms`;

const CHUNK = 20_000;
const col = <T, K extends keyof T>(rows: readonly T[], k: K) => rows.map((r) => r[k]);
async function inChunks<T>(rows: readonly T[], write: (part: readonly T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** The villages the demo register fills (with households) and the poor villages, with whether each is poor. */
async function villagesOf(db: Db, province: string) {
  return (
    // The two county tables read first, then joined with the regions (Citus: no correlated subquery from a reference
    // table into a distributed one).
    (
      await sql<PartyVillage>`
      WITH filled AS MATERIALIZED (SELECT DISTINCT village_code FROM household WHERE county_code LIKE ${`${province}%`}),
      poor AS MATERIALIZED (SELECT village_code FROM poor_village WHERE county_code LIKE ${`${province}%`})
      SELECT r.code, left(r.code, 6) AS county_code, r.name, r.code IN (SELECT village_code FROM poor) AS poor
      FROM region r
      WHERE r.level = 5 AND r.code LIKE ${`${province}%`}
        AND (r.code IN (SELECT village_code FROM filled) OR r.code IN (SELECT village_code FROM poor))
      ORDER BY r.code`.execute(db)
    ).rows
  );
}

/** The township of the demo's township and village logins (东官营镇): its villages keep full rolls at any scale. */
const FULL_ROLL_TOWNSHIP = '211381109';

async function write(tx: Tx, keys: PiiKeys, villages: PartyVillage[], seed: number | string, scale: number) {
  const d = generateParty(villages, { seed, year: thisYear(), scale, fullRoll: (code) => code.startsWith(FULL_ROLL_TOWNSHIP) });
  const people = d.members.map((m) => {
    const v = villages[m.village] as PartyVillage;
    return { ...m, county: v.county_code, hash: lookupHash(keys, m.id_number) };
  });
  // A number already on file (the register's or a cadre's) is left out with its member: one human, one row.
  const taken = new Set<string>();
  await inChunks(people, async (p) => {
    const r = await sql<{ id_hash: string }>`SELECT id_hash FROM person_identity WHERE id_hash = ANY(${col(p, 'hash')}::text[])`.execute(
      tx,
    );
    for (const x of r.rows) taken.add(x.id_hash);
  });
  const personIds = new Map<string, number>();
  const fresh = people.filter((p) => !taken.has(p.hash));
  await inChunks(fresh, async (p) => {
    const rows = p.map((m) => ({
      ...m,
      ...nameSearchKeys(m.name),
      cipher: encrypt(keys, m.id_number),
      masked: maskId(m.id_number),
      tail: idTailHash(keys, m.id_number),
    }));
    const r = await sql<{ id: number; id_hash: string }>`
      WITH ins AS (
        INSERT INTO person (county_code, id_hash, id_cipher, id_masked, id_tail_hash, name, name_pinyin, name_initials, gender, birth_date)
        SELECT * FROM unnest(${col(rows, 'county')}::text[], ${col(rows, 'hash')}::text[], ${col(rows, 'cipher')}::text[], ${col(rows, 'masked')}::text[],
                             ${col(rows, 'tail')}::text[], ${col(rows, 'name')}::text[], ${col(rows, 'pinyin')}::text[], ${col(rows, 'initials')}::text[],
                             ${col(rows, 'gender')}::text[], ${col(rows, 'birth_date')}::date[])
        RETURNING county_code, id, id_hash),
      identity AS (INSERT INTO person_identity (id_hash, county_code, person_id) SELECT id_hash, county_code, id FROM ins)
      SELECT id, id_hash FROM ins`.execute(tx);
    for (const x of r.rows) personIds.set(x.id_hash, Number(x.id));
  });

  const orgs = d.orgs.map((o) => ({
    ...o,
    county: (villages[o.village] as PartyVillage).county_code,
    code: (villages[o.village] as PartyVillage).code,
  }));
  const orgRows = await sql<{ id: number; region_code: string }>`
    INSERT INTO party_org (county_code, region_code, name, kind, established_on)
    SELECT * FROM unnest(${col(orgs, 'county')}::text[], ${col(orgs, 'code')}::text[], ${col(orgs, 'name')}::text[], ${col(orgs, 'kind')}::text[],
                         ${col(orgs, 'established_on')}::date[])
    RETURNING id, region_code`.execute(tx);
  const orgOf = new Map(orgRows.rows.map((r) => [r.region_code, Number(r.id)]));
  const orgIdOf = (village: number) => orgOf.get((villages[village] as PartyVillage).code) as number;

  const members = people
    .map((m, i) => ({ ...m, i, person: personIds.get(m.hash), org: orgIdOf(m.village), wealth: m.wealth_industry !== null }))
    .filter((m) => m.person !== undefined);
  const memberIds = new Map<number, number>();
  await inChunks(members, async (p) => {
    const r = await sql<{ id: number; person_id: number }>`
      INSERT INTO party_member (county_code, org_id, person_id, joined_on, standing, post, duty, wealth_leader, wealth_industry)
      SELECT * FROM unnest(${col(p, 'county')}::text[], ${col(p, 'org')}::bigint[], ${col(p, 'person')}::bigint[], ${col(p, 'joined_on')}::date[],
                           ${col(p, 'standing')}::text[], ${col(p, 'post')}::text[], ${col(p, 'duty')}::text[], ${col(p, 'wealth')}::bool[],
                           ${col(p, 'wealth_industry')}::text[])
      RETURNING id, person_id`.execute(tx);
    const byPerson = new Map(r.rows.map((x) => [Number(x.person_id), Number(x.id)]));
    for (const m of p) memberIds.set(m.i, byPerson.get(m.person as number) as number);
  });

  const terms = d.terms
    .map((t) => ({
      ...t,
      county: (villages[t.village] as PartyVillage).county_code,
      org: orgIdOf(t.village),
      person: personIds.get(people[t.member]?.hash ?? ''),
    }))
    .filter((t) => t.person !== undefined);
  await sql`
    INSERT INTO party_secretary_term (county_code, org_id, person_id, one_shoulder, start_date, end_date, end_reason)
    SELECT c, o, p, s, sd, ed, CASE WHEN ed IS NULL THEN NULL ELSE 'term_end' END
    FROM unnest(${col(terms, 'county')}::text[], ${col(terms, 'org')}::bigint[], ${col(terms, 'person')}::bigint[], ${col(terms, 'one_shoulder')}::bool[],
                ${col(terms, 'start_date')}::date[], ${col(terms, 'end_date')}::date[]) AS t(c, o, p, s, sd, ed)`.execute(tx);

  // Each wealth-leading member helps two to five households still poor (or returned) of the village, oldest first.
  const pairings = await sql<{ n: number }>`
    WITH leaders AS (
      SELECT m.county_code, m.id, o.region_code, 2 + m.id % 4 AS k, greatest(m.joined_on, make_date(${thisYear()} - 3, 4, 1)) AS since
      FROM party_member m JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
      WHERE m.wealth_leader AND o.county_code = ANY(${[...new Set(col(villages, 'county_code'))]}::text[])
    ), ins AS (
      INSERT INTO party_pairing (county_code, member_id, household_id, start_date)
      SELECT l.county_code, l.id, h.id, l.since FROM leaders l
      CROSS JOIN LATERAL (SELECT h.id FROM household h WHERE h.county_code = l.county_code AND h.village_code = l.region_code
                          AND h.status IN ('poor', 'returned') ORDER BY h.id LIMIT l.k) h
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`.execute(tx);
  return {
    orgs: orgRows.rows.length,
    members: members.length,
    secretaries: terms.length,
    wealthLeaders: members.filter((m) => m.wealth).length,
    pairings: Number(pairings.rows[0]?.n ?? 0),
  };
}

/**
 * Loads the demo's party organisations for the villages of the demo register, after the register and the cadres, in
 * one transaction. Nothing is done when the province has organisations already (a second `fupin demo`, or another part
 * of the party module made them).
 */
export async function loadDemoPartyCore(
  db: Db,
  keys: PiiKeys,
  opts: { seed?: number | string; provinceCode?: string; scale?: number } = {},
): Promise<PartyCoreDemoResult | null> {
  const province = opts.provinceCode ?? '21';
  const any = await sql`SELECT 1 FROM party_org WHERE county_code LIKE ${`${province}%`} LIMIT 1`.execute(db);
  if (any.rows.length) return null;
  const villages = await villagesOf(db, province);
  if (!villages.length) return null;
  return timed('demo.party.core', () =>
    db.transaction().execute(async (tx) => {
      const r = await write(tx, keys, villages, opts.seed ?? 19210701, opts.scale ?? 1);
      await audit.record(tx, audit.SYSTEM_ACTOR, {
        scopeCode: province,
        entity: 'party_org',
        entityId: province,
        action: 'demo_load',
        after: { ...r },
      });
      return r;
    }),
  );
}
