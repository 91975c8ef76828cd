import type { Db } from '../../../db/types.ts';
import type { Lang } from '../../../server/i18n.ts';
import * as q from './queries.ts';
import { decisionItem, publicPath, stateLabel } from './service.ts';

/**
 * The village page's section (一村一档): the village's decisions by state, its five latest, and its public page.
 * Null when the village has no decision on record (the page leaves the section out).
 */
export const decisionsSection = {
  id: 'party-decisions',
  async load(db: Db, v: { code: string; countyCode: string }, lang: Lang) {
    const recent = await q.villageDecisions(db, v.code, 5);
    const counts = recent[0]?.by_state ?? [];
    if (!counts.length) return null;
    return {
      total: counts.reduce((n, c) => n + Number(c.n), 0),
      byState: counts.map((c) => ({ state: c.state, label: stateLabel(c.state, lang), count: Number(c.n) })),
      recent: recent.map((d) => decisionItem(d, lang)),
      publicPath: publicPath(v.code),
    };
  },
};
