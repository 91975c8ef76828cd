import type { Db } from '../../db/types.ts';
import { thisDay } from '../../server/clock.ts';
import type { Lang } from '../../server/i18n.ts';
import { decisionsSection } from '../party/decisions/profile-section.ts';
import { fundsSection } from '../party/funds/profile-section.ts';
import { ledgerSection, screeningSection } from '../party/ledger/profile-section.ts';
import * as oq from '../party/orgs/queries.ts';
import { detailOfOrg } from '../party/orgs/service.ts';
import * as q from './queries.ts';

/**
 * One section of the village page (一村一档): what one module knows of the village, or null when it knows nothing.
 * The page asks every section at once; a module adds itself to SECTIONS and its component to the web's map.
 */
export interface VillageSection {
  id: string;
  load(db: Db, v: { code: string; countyCode: string }, lang: Lang): Promise<unknown | null>;
}

/**
 * The village's current organisation, read once per page: the party and members sections both need it (`v` is the
 * one object the page hands every section).
 */
const orgs = new WeakMap<object, ReturnType<typeof oq.currentOrgOf>>();
function orgOf(db: Db, v: { code: string; countyCode: string }) {
  let o = orgs.get(v);
  if (!o) {
    o = oq.currentOrgOf(db, v.countyCode, v.code);
    orgs.set(v, o);
  }
  return o;
}

/** The register's figures and the poor-village listing, one statement for both sections (kept on `v` as orgOf). */
const figures = new WeakMap<object, ReturnType<typeof q.villageFigures>>();
function figuresOf(db: Db, v: { code: string; countyCode: string }) {
  let f = figures.get(v);
  if (!f) {
    f = q.villageFigures(db, v.countyCode, v.code);
    figures.set(v, f);
  }
  return f;
}

const register: VillageSection = {
  id: 'register',
  load: async (db, v) => {
    const f = await figuresOf(db, v);
    return f
      ? { households: f.households, persons: f.persons, poor: f.poor, exited: f.exited, returned: f.returned, monitored: f.monitored }
      : null;
  },
};

const poorVillage: VillageSection = {
  id: 'poorVillage',
  load: async (db, v) => {
    const p = await figuresOf(db, v);
    return p?.listed
      ? { yearListed: p.year_listed, ruralPopulation: p.rural_population, exitYear: p.exit_year, plannedExitYear: p.planned_exit_year }
      : null;
  },
};

const residents: VillageSection = {
  id: 'residents',
  load: async (db, v) => {
    const day = thisDay();
    const team = await q.residentTeam(db, v.countyCode, v.code, day);
    return {
      month: day.slice(0, 7),
      team: team.map((t) => ({
        postingId: Number(t.posting_id),
        name: t.name,
        role: t.role,
        unit: t.unit,
        startDate: t.start_date,
        daysInVillage: t.days_in_village,
        requiredDays: t.required_days,
        compliant: t.compliant,
      })),
    };
  },
};

const party: VillageSection = {
  id: 'party',
  load: async (db, v) => {
    const o = await orgOf(db, v);
    return o ? detailOfOrg(db, o) : null;
  },
};

const members: VillageSection = {
  id: 'members',
  load: async (db, v) => {
    const o = await orgOf(db, v);
    if (!o) return null;
    const f = await q.memberFigures(db, v.countyCode, Number(o.id), 20);
    return {
      orgId: Number(o.id),
      members: Number(o.members),
      probationary: f?.probationary ?? 0,
      wealthLeaders: Number(o.wealth_leaders),
      withPost: f?.with_post ?? 0,
      pairings: f?.pairings ?? 0,
      leaders: (f?.leaders ?? []).map((l) => ({ id: Number(l.id), name: l.name, industry: l.industry, households: Number(l.households) })),
    };
  },
};

/**
 * The village's alerts are the command centre's feed for the village code; walking every rule costs more than all the
 * other sections together (measured 0.3–2 s a village), so the page loads them on its own from /api/command/alerts
 * and the profile only names the region to ask for.
 */
const alerts: VillageSection = { id: 'alerts', load: async (_db, v) => ({ region: v.code }) };

/** The sections in page order; the party module's other parts add 'ledger', 'screening', 'decisions', 'funds'. */
export const SECTIONS: VillageSection[] = [
  register,
  poorVillage,
  residents,
  party,
  members,
  screeningSection,
  ledgerSection,
  decisionsSection,
  fundsSection,
  alerts,
];
