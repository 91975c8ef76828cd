import type { Db, Tx } from '../../db/types.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Lang } from '../../server/i18n.ts';
import * as audit from '../audit/service.ts';
import { hasPermission } from '../auth/roles.ts';
import { decrypt, lookupHash, type PiiKeys } from '../pii/crypto.ts';
import { countIdSearch, withUnmaskBudget } from '../security/unmask.ts';
import { getSetting } from '../settings.ts';
import { type CodeListId, label } from './codelists.ts';
import * as hq from './household.queries.ts';
import { normaliseIdNumber } from './idcard.ts';
import { registerYear } from './import/service.ts';
import * as lq from './list.queries.ts';
import { countiesWithHouseholds } from './list-counties.ts';
import { listTotal } from './list-total.ts';
import * as q from './queries.ts';
import { GUARANTEES, type Guarantee } from './schema.ts';
import { idTailHash } from './search/keys.ts';
import { matchedMembers, villagesNamed } from './search/queries.ts';

const lbl = (list: CodeListId, code: string | null, lang: Lang) => (code ? (label(list, code, lang) ?? code) : null);

export interface ListInput {
  region: string;
  /** One status or several, comma-separated (poor,returned). */
  status?: string;
  cause?: string;
  category?: string;
  gap?: q.Gap;
  plannedExit?: string;
  incomeBand?: number;
  q?: string;
  /** `county-id` of the last household of the previous page. */
  cursor?: string;
  limit: number;
}

export type SearchKind = 'id' | 'id_tail' | 'pinyin' | 'household_no' | 'name';

/**
 * What the search box holds: a full ID number, the last four characters of one after an asterisk (*123X), latin
 * letters (full pinyin or initials: wuziran, wzr), a household number (digits), or Chinese (a member's name or a
 * village's name).
 */
export function searchKind(text: string): SearchKind {
  if (normaliseIdNumber(text).ok) return 'id';
  if (/^[*＊]/.test(text)) return 'id_tail';
  if (/^[a-zA-Z][a-zA-Z\s']*$/.test(text)) return 'pinyin';
  if (/^[0-9A-Za-z-]+$/.test(text)) return 'household_no';
  return 'name';
}

/** Turns the search box into a filter; the village names a Chinese text may mean are looked up by filterOf. */
export function searchFilter(
  keys: PiiKeys,
  text: string | undefined,
  opts: { mayUnmask: boolean } = { mayUnmask: false },
): Pick<q.HouseholdFilter, 'nameLike' | 'pinyin' | 'idHash' | 'idTailHash' | 'householdNo'> {
  const s = text?.trim();
  if (!s) return {};
  switch (searchKind(s)) {
    case 'id': {
      const id = normaliseIdNumber(s);
      return id.ok ? { idHash: lookupHash(keys, id.value) } : {};
    }
    case 'id_tail': {
      // The tail with the birth year and county shown in the list narrows a person down: as much as unmasking.
      if (!opts.mayUnmask) throw new AppError('ID_PARTIAL_SEARCH_FORBIDDEN', 403);
      const tail = s.replace(/^[*＊]+/, '').replace(/\s/g, '');
      if (!/^[0-9Xx]{4}$/.test(tail)) throw new AppError('ID_PARTIAL_SEARCH_FORMAT', 400);
      return { idTailHash: idTailHash(keys, tail) };
    }
    case 'pinyin':
      return { pinyin: s.toLowerCase().replace(/[\s']/g, '') };
    case 'household_no':
      return { householdNo: s };
    default:
      return { nameLike: s };
  }
}

/** Who searches: a search by ID number, whole or partial, counts against their daily limit (see countIdSearch). */
export interface Searcher {
  actor: audit.Actor & { role?: string };
  scope: string;
}

export async function filterOf(
  db: Tx,
  keys: PiiKeys,
  input: Omit<ListInput, 'cursor' | 'limit'>,
  searcher?: Searcher,
): Promise<q.HouseholdFilter> {
  const search = searchFilter(keys, input.q, {
    mayUnmask: searcher?.actor.role ? hasPermission(searcher.actor.role, 'pii.unmask') : false,
  });
  if ((search.idHash || search.idTailHash) && searcher) await countIdSearch(db as Db, searcher.actor, searcher.scope);
  const statuses = input.status?.split(',').filter(Boolean) ?? [];
  return {
    region: input.region,
    status: statuses.length > 1 ? statuses : statuses[0],
    cause: input.cause,
    category: input.category,
    gap: input.gap,
    plannedExit: input.plannedExit === undefined ? undefined : input.plannedExit === 'none' ? 'none' : Number(input.plannedExit),
    incomeBand: input.incomeBand,
    registerYear: await registerYear(db as Db),
    ...search,
    ...(search.nameLike ? { villageCodes: await villagesNamed(db, input.region, search.nameLike) } : {}),
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

/** The 两不愁三保障 items a household does not meet, in the national order. */
function unmetGuarantees(h: Record<`guarantee_${Guarantee}`, boolean>): Guarantee[] {
  return GUARANTEES.filter((g) => !h[`guarantee_${g}`]);
}

export async function listHouseholds(db: Db, keys: PiiKeys, input: ListInput, lang: Lang, searcher?: Searcher) {
  const filter = await filterOf(db, keys, input, searcher);
  const line = Number(await getSetting(db, 'registry.poverty_line', 3335, { year: filter.registerYear }));
  const [county, id] = input.cursor?.split('-') ?? [];
  const after = county && id ? { county, id: Number(id) } : null;
  const walk = filter.region.length < 6 ? await countiesWithHouseholds(db) : undefined;
  const rows = await lq.listHouseholds(db, filter, after, input.limit + 1, walk);
  const page = rows.rows.slice(0, input.limit);
  const [names, matched, total] = await Promise.all([
    villageNames(
      db,
      page.map((h) => h.village_code),
    ),
    matchedMembers(db, filter, page),
    // The total is the first page's: the pages after it only continue the same list.
    after ? null : listTotal(db, filter),
  ]);
  const matchOf = new Map(matched.map((m) => [`${m.county_code}-${m.household_id}`, m]));
  const why = (h: lq.HouseholdListRow) => {
    const m = matchOf.get(`${h.county_code}-${h.id}`);
    if (m) return { kind: 'member' as const, name: m.name, relation: lbl('relation', m.relation, lang) ?? m.relation, via: m.via };
    if (filter.householdNo) return { kind: 'household_no' as const, name: h.household_no, relation: null, via: 'household_no' };
    if (filter.villageCodes?.includes(h.village_code)) {
      return { kind: 'village' as const, name: names.get(h.village_code)?.village ?? '', relation: null, via: 'village' };
    }
    return null;
  };
  return {
    ...(total ? { total: total.n, totalExact: total.exact } : {}),
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
      matched: why(h),
      unmetGuarantees: unmetGuarantees(h),
      incomeBelowLine: h.income === null ? null : h.income < line,
    })),
    povertyLine: line,
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

/** What the person asking may see: without `pii.unmask`, no full birth date (decision 0005). */
export interface Viewer {
  unmask: boolean;
}

export async function householdDetail(db: Db, id: number, lang: Lang, viewer: Viewer, opts: { audit?: boolean } = {}) {
  const h = await q.householdById(db, id);
  if (!h) throw notFound();
  const [members, incomes, history, pairings, projects, visits, village, trail] = await Promise.all([
    q.members(db, h.county_code, id),
    hq.incomes(db, h.county_code, id),
    hq.statusHistory(db, h.county_code, id),
    hq.pairings(db, h.county_code, id),
    hq.projects(db, h.county_code, id),
    hq.visits(db, h.county_code, id),
    hq.placeOfVillage(db, h.village_code),
    opts.audit === false
      ? { items: [] }
      : audit.list(db, { scopeCode: h.village_code, entity: 'household', entityId: String(id), limit: 50, lang }),
  ]);
  const year = await registerYear(db);
  const line = Number(await getSetting(db, 'registry.poverty_line', 3335, { year }));
  return {
    id: h.id,
    householdNo: h.household_no,
    version: h.version,
    countyCode: h.county_code,
    villageCode: h.village_code,
    villageName: village?.village ?? '',
    townshipName: village?.township ?? '',
    countyName: village?.county ?? '',
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
      // Birth date + county + the masked ID narrow the ID number to a few hundred candidates; the year leaves 180,000.
      birthDate: viewer.unmask ? m.birth_date : null,
      birthYear: Number(String(m.birth_date).slice(0, 4)),
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
    incomes: incomes.map((i) => ({
      year: i.year,
      perCapita: Number(i.per_capita),
      wages: i.wages,
      business: i.business,
      businessCosts: i.business_costs,
      property: i.property,
      transfers: i.transfers,
      persons: i.persons,
    })),
    statusHistory: history.map((s) => ({
      status: s.status,
      statusLabel: lbl('household_status', s.status, lang),
      previousStatus: s.previous_status,
      changedOn: s.changed_on,
      reason: s.reason,
    })),
    helpers: pairings.map((p) => ({
      id: p.id,
      helperId: Number(p.helper_id),
      name: p.helper_name,
      workUnit: p.work_unit,
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
    visits: visits.map((v) => ({ id: v.id, date: v.visit_date, cadreName: v.cadre_name, note: v.note })),
    audit: trail.items,
  };
}

/** Reveals one person's ID number: a permission, an audit row and a place in the day's unmasking budget every time. */
export async function unmaskPerson(db: Db, keys: PiiKeys, personId: number, actor: audit.Actor, region: string, actorScope: string) {
  const p = await hq.personIdentity(db, personId);
  if (!p) throw notFound();
  return withUnmaskBudget(db, actor, { scopeCode: region, actorScope, persons: 1, source: 'person', details: { personId } }, async (tx) => {
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

/**
 * Before an unmasked export streams: counts its persons, takes them from the budget (or records a bulk unmasking)
 * and writes the audit row, whose filter is masked like any audit value. Returns the number of persons.
 */
export async function authoriseUnmaskedExport(
  db: Db,
  actor: audit.Actor,
  r: { region: string; actorScope: string; filter: q.HouseholdFilter; query: Record<string, unknown> },
) {
  const persons = await q.countPersons(db, r.filter);
  await withUnmaskBudget(
    db,
    actor,
    { scopeCode: r.region, actorScope: r.actorScope, persons, source: 'export', details: { filter: r.query } },
    (tx) =>
      audit.record(tx, actor, {
        scopeCode: r.region,
        entity: 'register',
        entityId: r.region,
        action: 'export_unmasked',
        after: { filter: r.query, persons },
      }),
  );
  return persons;
}

export async function listPoorVillages(db: Db, region: string, exit: 'all' | 'exited' | 'not_exited', lang: Lang) {
  const rows = await hq.poorVillages(db, region, exit);
  void lang;
  return rows.map((r) => ({
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
