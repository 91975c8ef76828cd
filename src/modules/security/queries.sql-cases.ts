import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './queries.ts';

const SINCE = new Date('2026-01-01T00:00:00Z');

export default defineCases(q, {
  lockUnmaskBudget: (db, w) => db.transaction().execute((tx) => q.lockUnmaskBudget(tx, w.userId)),
  insertEvent: (db, w) =>
    q.insertEvent(db, { kind: 'unmask', actor_id: w.userId, actor_name: 'beipiao', scope_code: w.village, details: '{"persons":1}' }),
  countSince: [
    { name: 'by actor id', run: (db, w) => q.countSince(db, { kind: 'login_failed', actorId: w.userId, since: SINCE }) },
    { name: 'by name (no account)', run: (db) => q.countSince(db, { kind: 'login_failed', actorName: 'nobody', since: SINCE }) },
  ],
  unmaskedPersonsSince: (db, w) => q.unmaskedPersonsSince(db, w.userId, SINCE),
  listEvents: [
    { name: 'a county scope', run: (db, w) => q.listEvents(db, { scopeCode: w.county, withUnplaced: false, limit: 51 }) },
    {
      name: 'province, with unplaced events, every filter, next page',
      run: (db, w) =>
        q.listEvents(db, {
          scopeCode: w.province,
          withUnplaced: true,
          kind: 'unmask',
          actor: 'beipiao',
          from: SINCE,
          to: new Date('2026-02-01T00:00:00Z'),
          cursor: 100,
          limit: 51,
        }),
    },
  ],
  countByKind: (db, w) => q.countByKind(db, { scopeCode: w.county, withUnplaced: false, since: SINCE }),
  distinctKinds: (db, w) => q.distinctKinds(db, { scopeCode: w.province, withUnplaced: true }),
});
