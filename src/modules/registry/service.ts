import { sql } from 'kysely';
import type { Db, Tx } from '../../db/types.ts';
import { notFound } from '../../server/errors.ts';
import type { Lang } from '../../server/i18n.ts';
import * as audit from '../audit/service.ts';
import { decrypt, lookupHash, type PiiKeys } from '../pii/crypto.ts';
import { getSetting } from '../settings.ts';
import { type CodeListId, label } from './codelists.ts';
import { normaliseIdNumber } from './idcard.ts';
import { registerYear } from './import/service.ts';
import * as q from './queries.ts';

const lbl = (list: CodeListId, code: string | null, lang: Lang) => (code ? (label(list, code, lang) ?? code) : null);

export interface ListInput {
  region: string;
  status?: string;
  cause?: string;
  category?: string;
  gap?: q.Gap;
  q?: string;
  /** `county-id` of the last household of the previous page. */
  cursor?: string;
  limit: number;
}

/** Turns the search box into a filter: an ID number (exact, by keyed hash), pinyin initials, or a name prefix. */
export function searchFilter(keys: PiiKeys, text: string | undefined): Pick<q.HouseholdFilter, 'nameLike' | 'initials' | 'idHash'> {
  const s = text?.trim();
  if (!s) return {};
  const id = normaliseIdNumber(s);
  if (id.ok) return { idHash: lookupHash(keys, id.value) };
  if (/^[a-zA-Z]+$/.test(s)) return { initials: s.toLowerCase() };
  return { nameLike: s };
}

export async function filterOf(db: Tx, keys: PiiKeys, input: Omit<ListInput, 'cursor' | 'limit'>): Promise<q.HouseholdFilter> {
  return {
    region: input.region,
    status: input.status,
    cause: input.cause,
    category: input.category,
    gap: input.gap,
    registerYear: await registerYear(db as Db),
    ...searchFilter(keys, input.q),
  };
}

/**
 * Village and township names by village code. Divisions change only when a province's divisions are imported again,
 * so names are kept for a while (per database handle) and only unknown codes are looked up.
 */
const VILLAGE_NAMES_MS = 10 * 60_000;
const villageNameCache = new WeakMap<object, Map<string, { at: number; village: string; township: string }>>();

async function villageNames(db: Db, codes: readonly string[]) {
  let cache = villageNameCache.get(db);
  if (!cache) {
    cache = new Map();
    villageNameCache.set(db, cache);
  }
  const now = Date.now();
  const missing = [...new Set(codes)].filter((c) => {
    const hit = cache.get(c);
    return !hit || now - hit.at > VILLAGE_NAMES_MS;
  });
  if (missing.length) {
    if (cache.size > 50_000) cache.clear();
    for (const r of await q.villageNames(db, missing)) cache.set(r.code, { at: now, village: r.name, township: r.township_name ?? '' });
  }
  return cache;
}

export async function listHouseholds(db: Db, keys: PiiKeys, input: ListInput, lang: Lang) {
  const filter = await filterOf(db, keys, input);
  const [county, id] = input.cursor?.split('-') ?? [];
  const after = county && id ? { county, id: Number(id) } : null;
  const rows = await q.listHouseholds(db, filter, after, input.limit + 1);
  const page = rows.rows.slice(0, input.limit);
  const names = await villageNames(
    db,
    page.map((h) => h.village_code),
  );
  return {
    items: page.map((h) => ({
      id: h.id,
      householdNo: h.household_no,
      villageCode: h.village_code,
      villageName: names.get(h.village_code)?.village ?? '',
      townshipName: names.get(h.village_code)?.township ?? '',
      headName: h.head_name,
      headIdMasked: h.head_id_masked,
      memberCount: h.member_count,
      category: h.category,
      categoryLabel: lbl('household_category', h.category, lang),
      cause: h.cause,
      causeLabel: lbl('poverty_cause', h.cause, lang),
      status: h.status,
      statusLabel: lbl('household_status', h.status, lang),
      yearIdentified: h.year_identified,
      plannedExitYear: h.planned_exit_year,
      exitYear: h.exit_year,
      income: h.income,
      helperName: h.helper_name,
      hasProject: h.has_project,
    })),
    nextCursor: rows.rows.length > input.limit && page.length ? `${page.at(-1)?.county_code}-${page.at(-1)?.id}` : null,
  };
}

export async function coverage(db: Db, region: string) {
  const c = await q.coverage(db, region, await registerYear(db));
  const pct = (n: number) => (c.still_poor ? Math.round((1000 * n) / c.still_poor) / 10 : null);
  return {
    stillPoor: c.still_poor,
    withHelper: c.with_helper,
    withProject: c.with_project,
    withDeadline: c.with_deadline,
    deadlinePassed: c.deadline_passed,
    pctHelper: pct(c.with_helper),
    pctProject: pct(c.with_project),
    pctDeadline: pct(c.with_deadline),
  };
}

export async function householdDetail(db: Db, id: number, lang: Lang) {
  const h = await q.householdById(db, id);
  if (!h) throw notFound();
  const [members, incomes, history, pairings, projects, village, trail] = await Promise.all([
    q.members(db, h.county_code, id),
    db
      .selectFrom('household_income')
      .select(['year', 'per_capita'])
      .where('county_code', '=', h.county_code)
      .where('household_id', '=', id)
      .orderBy('year')
      .execute(),
    db
      .selectFrom('household_status_history')
      .select(['status', 'previous_status', 'changed_on', 'reason'])
      .where('county_code', '=', h.county_code)
      .where('household_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('help_pairing')
      .select(['id', 'helper_name', 'helper_phone_masked', 'start_date', 'end_date'])
      .where('county_code', '=', h.county_code)
      .where('household_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('household_project')
      .select(['id', 'type', 'year', 'amount', 'state'])
      .where('county_code', '=', h.county_code)
      .where('household_id', '=', id)
      .orderBy('year')
      .execute(),
    sql<{ village: string; township: string; county: string }>`
      SELECT v.name AS village, t.name AS township, c.name AS county FROM region v
      JOIN region t ON t.code = v.parent_code JOIN region c ON c.code = t.parent_code WHERE v.code = ${h.village_code}`.execute(db),
    audit.list(db, { scopeCode: h.village_code, entity: 'household', entityId: String(id), limit: 50 }),
  ]);
  const year = await registerYear(db);
  const line = Number(await getSetting(db, 'registry.poverty_line', 3335, { year }));
  return {
    id: h.id,
    householdNo: h.household_no,
    countyCode: h.county_code,
    villageCode: h.village_code,
    villageName: village.rows[0]?.village ?? '',
    townshipName: village.rows[0]?.township ?? '',
    countyName: village.rows[0]?.county ?? '',
    category: h.category,
    categoryLabel: lbl('household_category', h.category, lang),
    cause: h.cause,
    causeLabel: lbl('poverty_cause', h.cause, lang),
    status: h.status,
    statusLabel: lbl('household_status', h.status, lang),
    yearIdentified: h.year_identified,
    plannedExitYear: h.planned_exit_year,
    exitYear: h.exit_year,
    registerYear: year,
    povertyLine: line,
    guarantees: {
      food: h.guarantee_food,
      clothing: h.guarantee_clothing,
      education: h.guarantee_education,
      medical: h.guarantee_medical,
      housing: h.guarantee_housing,
    },
    members: members.map((m) => ({
      personId: m.person_id,
      name: m.name,
      idMasked: m.id_masked,
      gender: m.gender,
      genderLabel: lbl('gender', m.gender, lang),
      birthDate: m.birth_date,
      ethnicity: lbl('ethnicity', m.ethnicity, lang),
      phoneMasked: m.phone_masked,
      relation: m.relation,
      relationLabel: lbl('relation', m.relation, lang),
      education: lbl('education', m.education, lang),
      schooling: lbl('schooling', m.schooling, lang),
      health: lbl('health', m.health, lang),
      labour: lbl('labour', m.labour, lang),
      work: lbl('work', m.work, lang),
      medicalInsurance: m.medical_insurance,
    })),
    incomes: incomes.map((i) => ({ year: i.year, perCapita: i.per_capita })),
    statusHistory: history.map((s) => ({
      status: s.status,
      statusLabel: lbl('household_status', s.status, lang),
      previousStatus: s.previous_status,
      changedOn: s.changed_on,
      reason: s.reason,
    })),
    helpers: pairings.map((p) => ({
      id: p.id,
      name: p.helper_name,
      phoneMasked: p.helper_phone_masked,
      startDate: p.start_date,
      endDate: p.end_date,
    })),
    projects: projects.map((p) => ({
      id: p.id,
      type: p.type,
      typeLabel: lbl('project_type', p.type, lang),
      year: p.year,
      amount: p.amount,
      state: p.state,
      stateLabel: lbl('project_state', p.state, lang),
    })),
    audit: trail.items,
  };
}

/** Reveals one person's ID number: a permission, and an audit row every time. */
export async function unmaskPerson(db: Db, keys: PiiKeys, personId: number, actor: audit.Actor, region: string) {
  return db.transaction().execute(async (tx) => {
    const p = await tx.selectFrom('person').select(['id', 'name', 'id_cipher', 'id_masked']).where('id', '=', personId).executeTakeFirst();
    if (!p) throw notFound();
    await audit.record(tx, actor, {
      scopeCode: region,
      entity: 'person',
      entityId: personId,
      action: 'unmask_id',
      after: { name: p.name, idNumber: p.id_masked },
    });
    return { personId: p.id, idNumber: decrypt(keys, p.id_cipher) };
  });
}

export async function listPoorVillages(db: Db, region: string, exit: 'all' | 'exited' | 'not_exited', lang: Lang) {
  const rows = await sql<{
    village_code: string;
    village_name: string;
    township_name: string;
    county_name: string;
    year_listed: number;
    planned_exit_year: number | null;
    exit_year: number | null;
    rural_population: number;
    households: number;
    poor_persons: number;
  }>`
    SELECT pv.village_code, v.name AS village_name, t.name AS township_name, c.name AS county_name,
           pv.year_listed, pv.planned_exit_year, pv.exit_year, pv.rural_population,
           (SELECT count(*) FROM household h WHERE h.county_code = pv.county_code AND h.village_code = pv.village_code) AS households,
           (SELECT coalesce(sum(h.member_count), 0) FROM household h WHERE h.county_code = pv.county_code AND h.village_code = pv.village_code
              AND h.status IN ('poor', 'returned')) AS poor_persons
    FROM poor_village pv
    JOIN region v ON v.code = pv.village_code JOIN region t ON t.code = v.parent_code JOIN region c ON c.code = t.parent_code
    WHERE pv.village_code LIKE ${`${region}%`}
      ${exit === 'exited' ? sql`AND pv.exit_year IS NOT NULL` : exit === 'not_exited' ? sql`AND pv.exit_year IS NULL` : sql``}
    ORDER BY pv.village_code
    LIMIT 5000`.execute(db);
  void lang;
  return rows.rows.map((r) => ({
    villageCode: r.village_code,
    villageName: r.village_name,
    townshipName: r.township_name,
    countyName: r.county_name,
    yearListed: r.year_listed,
    plannedExitYear: r.planned_exit_year,
    exitYear: r.exit_year,
    ruralPopulation: r.rural_population,
    households: Number(r.households),
    poorPersons: Number(r.poor_persons),
    incidence: r.rural_population ? Math.round((10000 * Number(r.poor_persons)) / r.rural_population) / 100 : null,
  }));
}

export async function poorVillage(db: Db, code: string, lang: Lang) {
  const list = await listPoorVillages(db, code, 'all', lang);
  const v = list[0];
  if (!v) throw notFound();
  return { ...v, coverage: await coverage(db, code) };
}
