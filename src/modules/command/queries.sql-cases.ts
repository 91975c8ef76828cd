import { defineCases } from '../../db/sql-record/define.ts';
import { ALERT_RULES } from './indicators.ts';
import * as q from './queries.ts';

const ctx = { year: 2017, settings: {} };
/** The first rule that lists items (the ones counted from measures send no statement of their own). */
const rule = () => {
  const r = ALERT_RULES.find((x) => !x.count) ?? ALERT_RULES[0];
  if (!r) throw new Error('no alert rule');
  return r;
};

export default defineCases(q, {
  ackCounts: (db, w) => q.ackCounts(db, w.county),
  countRuleItems: (db, w) => q.countRuleItems(db, rule().items(w.county, ctx)),
  ruleAlertPage: [
    {
      name: 'open items, first page',
      run: (db, w) =>
        q.ruleAlertPage(db, { rank: 0, rule: rule().id, items: rule().items(w.county, ctx), state: 'open', after: null, limit: 21 }),
    },
    {
      name: 'acknowledged items, after a position',
      run: (db, w) =>
        q.ruleAlertPage(db, {
          rank: 0,
          rule: rule().id,
          items: rule().items(w.county, ctx),
          state: 'acknowledged',
          after: { a: w.village, b: 1 },
          limit: 21,
        }),
    },
    {
      name: 'all items',
      run: (db, w) =>
        q.ruleAlertPage(db, { rank: 0, rule: rule().id, items: rule().items(w.county, ctx), state: 'all', after: null, limit: 21 }),
    },
  ],
  findRuleItem: (db, w) => q.findRuleItem(db, rule().items(w.county, ctx), String(w.householdId)),
  insertAck: (db, w) =>
    q.insertAck(db, {
      county: w.county,
      rule: rule().id,
      key: String(w.householdId),
      region: w.village,
      actorId: w.userId,
      actorName: 'beipiao',
      note: null,
    }),
  markVillageDirty: (db, w) => q.markVillageDirty(db, w.village),
});
