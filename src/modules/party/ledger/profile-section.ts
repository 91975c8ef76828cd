import type { Db } from '../../../db/types.ts';
import type { Lang } from '../../../server/i18n.ts';
import * as sq from '../screening/queries.ts';
import { screeningItem } from '../screening/service.ts';
import { causesFor } from './causes.ts';
import * as q from './queries.ts';
import { ledgerItem } from './service.ts';

/** A section of the village page (一村一档): what it shows of one village, or null when it has nothing to show. */
export interface ProfileSection {
  id: string;
  load(db: Db, v: { code: string; countyCode: string }, lang: Lang): Promise<unknown | null>;
}

/** The village's rectification cases, newest year first (web: VillageSections.tsx LedgerSection). */
export const ledgerSection: ProfileSection = {
  id: 'party-ledger',
  async load(db, v, lang) {
    const rows = await q.casesOfVillage(db, v.countyCode, v.code);
    if (!rows.length) return { cases: [] };
    const causes = await causesFor(db, v.code);
    return {
      cases: rows.map((r) => {
        const item = ledgerItem(r, causes, lang);
        return {
          id: item.id,
          year: item.year,
          state: item.state,
          stateLabel: item.stateLabel,
          overdue: item.overdue,
          notClosedByYearEnd: item.notClosedByYearEnd,
          causes: item.causes.map((c) => c.label),
          deadline: item.deadline,
        };
      }),
    };
  },
};

/** The last screening of the village's secretary (web: VillageSections.tsx ScreeningSection). */
export const screeningSection: ProfileSection = {
  id: 'party-screening',
  async load(db, v, lang) {
    const [last] = await sq.screeningsOfVillage(db, v.countyCode, v.code);
    if (!last) return { last: null };
    const s = screeningItem(last, lang);
    return {
      last: {
        id: s.id,
        year: s.year,
        secretary: s.secretary,
        result: s.result,
        resultLabel: s.resultLabel,
        opinionLabel: s.opinionLabel,
        adjustment: s.adjustment,
        adjustmentOverdue: s.adjustmentOverdue,
        successor: s.successor,
      },
    };
  },
};
