import { sql } from 'kysely';
import { withIndexesBuiltAfter } from '../../../db/bulk-load.ts';
import type { Db } from '../../../db/types.ts';
import { thisYear, today } from '../../../server/clock.ts';
import { addTiming, timed } from '../../../server/timing.ts';
import { SYSTEM_ACTOR } from '../../audit/service.ts';
import { encrypt, lookupHash, maskPhone, type PiiKeys } from '../../pii/crypto.ts';
import { povertyCounties } from '../../regions/source.ts';
import { DEMO_USERS } from '../../users/service.ts';
import { commit, type InputRow, registerYear, stage } from '../import/service.ts';
import { type DemoHousehold, type DemoVillage, generateRegister, planRegister } from './generate.ts';

export interface DemoProgress {
  households: number;
  persons: number;
  totalPersons: number;
}

const CHUNK_PERSONS = 20_000;
/** The register's tables a first demo load fills (the import's own staging table keeps its indexes: its checks use them). */
const BULK_TABLES = ['person', 'household', 'household_member', 'household_status_history', 'help_pairing', 'household_project'];

/** One household as the interchange file would carry it: the same path into the register as a clerk's file. */
function rowsOf(h: DemoHousehold, year: number, rowNumber: { n: number }): InputRow[] {
  const income = h.incomes.find((i) => i.year === year)?.per_capita ?? null;
  return h.members.map((m) => ({
    rowNumber: rowNumber.n++,
    cells: {
      village_code: h.village_code,
      household_no: h.household_no,
      name: m.name,
      id_number: m.id_number,
      relation: m.relation,
      gender: m.gender,
      ethnicity: m.ethnicity,
      education: m.education,
      schooling: m.schooling,
      health: m.health,
      labour_skill: m.labour,
      work_status: m.work,
      medical_insurance: m.medical_insurance ? 'yes' : 'no',
      category: h.category,
      poverty_cause: h.cause,
      year_identified: h.year_identified,
      ...(h.planned_exit_year ? { planned_exit_year: h.planned_exit_year } : {}),
      ...(h.exit_year ? { exit_year: h.exit_year } : {}),
      household_status: h.status,
      ...(income !== null ? { income_per_capita: income } : {}),
      ...(h.helper ? { helper: h.helper.name } : {}),
    },
  }));
}

/**
 * The day a status change of (year, month, day) is dated. Years before this one keep the month; this year's changes
 * are squeezed into the days up to today, so the history ends today and never in the future.
 */
export function historyDate(year: number, month: number, day: number, now: Date): string {
  if (year < thisYear(now)) return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const start = Date.UTC(year, 0, 1);
  const elapsed = Math.floor((now.getTime() - start) / 86_400_000);
  const share = (month - 1 + (day - 1) / 31) / 12;
  return new Date(start + Math.floor(share * (elapsed + 1)) * 86_400_000).toISOString().slice(0, 10);
}

/** What the interchange format does not carry: other years' incomes, guarantees, projects, dated history, helper phones. */
async function supplement(db: Db, keys: PiiKeys, households: DemoHousehold[], year: number, now: Date) {
  const nos = households.map((h) => h.household_no);
  const ids = new Map<string, number>();
  for (const r of (
    await sql<{
      id: number;
      household_no: string;
    }>`SELECT id, household_no FROM household WHERE county_code = ANY(${[...new Set(households.map((h) => h.county_code))]}::text[]) AND household_no = ANY(${nos}::text[])`.execute(
      db,
    )
  ).rows) {
    ids.set(r.household_no, r.id);
  }
  const incomes: [string, number, number, number][] = [];
  const projects: [string, number, string, number, number, string][] = [];
  const history: [string, number, string, string | null, string][] = [];
  for (const h of households) {
    const id = ids.get(h.household_no);
    if (!id) continue;
    for (const i of h.incomes) if (i.year !== year) incomes.push([h.county_code, id, i.year, i.per_capita]);
    for (const p of h.projects) projects.push([h.county_code, id, p.type, p.year, p.amount, p.state]);
    let prev: string | null = null;
    let prevYear = 0;
    let prevMonth = 0;
    for (const s of h.status_history) {
      // Spread over the year so that monthly trends move: identified in spring, exits verified from June on.
      let month = s.status === 'poor' ? 3 + (id % 3) : s.status === 'exited' ? 6 + (id % 7) : 1 + (id % 12);
      if (s.year === prevYear && month <= prevMonth) month = Math.min(12, prevMonth + 1);
      history.push([h.county_code, id, s.status, prev, historyDate(s.year, month, month === prevMonth ? 28 : 15, now)]);
      prev = s.status;
      prevYear = s.year;
      prevMonth = month;
    }
  }
  await db.transaction().execute(async (tx) => {
    const col = <T>(rows: T[][], i: number) => rows.map((r) => r[i]);
    if (incomes.length) {
      await sql`INSERT INTO household_income (county_code, household_id, year, per_capita)
        SELECT * FROM unnest(${col(incomes, 0)}::text[], ${col(incomes, 1)}::bigint[], ${col(incomes, 2)}::int[], ${col(incomes, 3)}::numeric[])
        ON CONFLICT DO NOTHING`.execute(tx);
    }
    if (projects.length) {
      await sql`INSERT INTO household_project (county_code, household_id, type, year, amount, state)
        SELECT * FROM unnest(${col(projects, 0)}::text[], ${col(projects, 1)}::bigint[], ${col(projects, 2)}::text[], ${col(projects, 3)}::int[],
                             ${col(projects, 4)}::numeric[], ${col(projects, 5)}::text[])`.execute(tx);
    }
    const idList = [...ids.values()];
    // The import dated the history today; the demo knows the real years.
    await sql`DELETE FROM household_status_history WHERE county_code = ANY(${[...new Set(households.map((h) => h.county_code))]}::text[]) AND household_id = ANY(${idList}::bigint[])`.execute(
      tx,
    );
    if (history.length) {
      await sql`INSERT INTO household_status_history (county_code, household_id, status, previous_status, changed_on, reason)
        SELECT c, h, s, p, d::date, 'demo' FROM unnest(${col(history, 0)}::text[], ${col(history, 1)}::bigint[], ${col(history, 2)}::text[],
                                               ${col(history, 3)}::text[], ${col(history, 4)}::text[]) AS t(c, h, s, p, d)`.execute(tx);
    }
    const g = households.filter((h) => ids.has(h.household_no));
    await sql`UPDATE household h SET guarantee_food = t.f, guarantee_clothing = t.c, guarantee_education = t.e,
                                     guarantee_medical = t.m, guarantee_housing = t.hs
      FROM unnest(${g.map((h) => ids.get(h.household_no))}::bigint[], ${g.map((h) => h.county_code)}::text[], ${g.map((h) => h.guarantees.food)}::bool[],
                  ${g.map((h) => h.guarantees.clothing)}::bool[], ${g.map((h) => h.guarantees.education)}::bool[],
                  ${g.map((h) => h.guarantees.medical)}::bool[], ${g.map((h) => h.guarantees.housing)}::bool[]) AS t(id, cc, f, c, e, m, hs)
      WHERE h.county_code = t.cc AND h.id = t.id`.execute(tx);
    const helped = g.filter((h) => h.helper);
    await sql`UPDATE help_pairing hp SET start_date = make_date(t.y, 4, 1), helper_phone_cipher = t.pc, helper_phone_masked = t.pm
      FROM unnest(${helped.map((h) => ids.get(h.household_no))}::bigint[], ${helped.map((h) => h.county_code)}::text[], ${helped.map((h) => h.year_identified)}::int[],
                  ${helped.map((h) => encrypt(keys, h.helper?.phone ?? ''))}::text[], ${helped.map((h) => maskPhone(h.helper?.phone ?? ''))}::text[]) AS t(id, cc, y, pc, pm)
      WHERE hp.county_code = t.cc AND hp.household_id = t.id AND hp.end_date IS NULL`.execute(tx);
    // The helper records the import made (one per name and county) carry the phone of the first household naming them.
    await sql`UPDATE helper he SET phone_cipher = x.pc, phone_masked = x.pm, phone_hash = x.ph
      FROM (SELECT DISTINCT ON (hp.county_code, hp.helper_id) hp.county_code, hp.helper_id, t.pc, t.pm, t.ph
            FROM unnest(${helped.map((h) => ids.get(h.household_no))}::bigint[], ${helped.map((h) => h.county_code)}::text[],
                        ${helped.map((h) => encrypt(keys, h.helper?.phone ?? ''))}::text[], ${helped.map((h) => maskPhone(h.helper?.phone ?? ''))}::text[],
                        ${helped.map((h) => lookupHash(keys, h.helper?.phone ?? ''))}::text[]) AS t(id, cc, pc, pm, ph)
            JOIN help_pairing hp ON hp.county_code = t.cc AND hp.household_id = t.id AND hp.end_date IS NULL
            ORDER BY hp.county_code, hp.helper_id, t.id) x
      WHERE he.county_code = x.county_code AND he.id = x.helper_id AND he.phone_cipher IS NULL`.execute(tx);
  });
}

/**
 * A deterministic, realistic Liaoning register (scale 1 = 810,000 persons, 1,791 poor villages), loaded through the
 * same staged import a clerk's file takes, then completed with what the file format does not carry.
 */
export async function loadDemo(
  db: Db,
  keys: PiiKeys,
  opts: { scale: number; seed?: number; provinceCode?: string },
  onProgress?: (p: DemoProgress) => void,
) {
  const province = opts.provinceCode ?? '21';
  const now = today();
  const year = await registerYear(db);
  const villages = (
    await sql<DemoVillage>`
      SELECT v.code, v.name, v.parent_code AS township_code, left(v.code, 6) AS county_code
      FROM region v WHERE v.level = 5 AND v.code LIKE ${`${province}%`} ORDER BY v.code`.execute(db)
  ).rows;
  if (villages.length === 0) {
    throw new Error(
      `没有 ${province} 的行政村区划，请先运行 fupin regions import --province ${province} / No villages of ${province} are loaded: run fupin regions import --province ${province} first`,
    );
  }
  const genOpts = {
    scale: opts.scale,
    seed: opts.seed ?? 20170601,
    villages,
    povertyCountyCodes: povertyCounties(province).map((c) => c.code),
    // The register's present: today, or the end of the register year an administrator set in the past.
    today: year < thisYear(now) ? new Date(Date.UTC(year, 11, 31)) : now,
    regionsWithData: DEMO_USERS.map((u) => u.scopeCode),
  };
  const plan = planRegister(genOpts);
  for (const v of plan.poorVillages) {
    // A third of the villages not yet out are due this year, so the command centre's exit-threshold alert has work.
    const planned = v.exit_year ?? (Number(v.village_code.slice(-3)) % 3 === 0 ? year : year + 2);
    await sql`INSERT INTO poor_village (county_code, village_code, year_listed, rural_population, exit_year, planned_exit_year)
      VALUES (${v.county_code}, ${v.village_code}, ${v.year_listed}, ${v.rural_population}, ${v.exit_year}, ${planned})
      ON CONFLICT (county_code, village_code) DO UPDATE SET year_listed = excluded.year_listed, rural_population = excluded.rural_population,
        exit_year = excluded.exit_year, planned_exit_year = excluded.planned_exit_year`.execute(db);
  }
  // Every village's rural population (the denominator of incidence), scaled like the register so incidence stays realistic.
  await sql`INSERT INTO village_population (county_code, village_code, rural_population, year)
    SELECT left(code, 6), code, greatest(1, round(${opts.scale}::float8 * (600 + ('x' || substr(md5(code), 1, 6))::bit(24)::int % 1900)))::int, ${year}
    FROM region WHERE level = 5 AND code LIKE ${`${province}%`}
    ON CONFLICT (county_code, village_code) DO UPDATE SET rural_population = excluded.rural_population, year = excluded.year`.execute(db);
  let chunk: DemoHousehold[] = [];
  let chunkPersons = 0;
  let persons = 0;
  let households = 0;
  const rowNumber = { n: 2 };
  const flush = async () => {
    if (!chunk.length) return;
    const rows = chunk.flatMap((h) => rowsOf(h, year, rowNumber));
    const { batchId, counts } = await stage(db, keys, { scopeCode: province, actor: SYSTEM_ACTOR, filename: `demo-${opts.scale}` }, rows);
    if (counts.rowsWithProblems) throw new Error(`demo data failed its own checks: ${counts.rowsWithProblems} rows (batch ${batchId})`);
    await commit(db, batchId, SYSTEM_ACTOR);
    await db.deleteFrom('import_row').where('batch_id', '=', batchId).execute();
    await timed('demo.supplement', () => supplement(db, keys, chunk, year, now));
    persons += chunkPersons;
    households += chunk.length;
    onProgress?.({ households, persons, totalPersons: plan.persons });
    chunk = [];
    chunkPersons = 0;
  };
  let genMs = 0;
  // A first load fills empty tables: their secondary indexes are built once at the end (src/db/bulk-load.ts).
  await withIndexesBuiltAfter(db, BULK_TABLES, async () => {
    let t0 = performance.now();
    for (const h of generateRegister(genOpts)) {
      genMs += performance.now() - t0;
      chunk.push(h);
      chunkPersons += h.members.length;
      if (chunkPersons >= CHUNK_PERSONS) await flush();
      t0 = performance.now();
    }
    await flush();
  });
  addTiming('demo.generate', genMs);
  return { households, persons, poorVillages: plan.poorVillages.length };
}
