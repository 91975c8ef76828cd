import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './queries.ts';

const DAY = new Date('2026-01-01T00:00:00Z');

export default defineCases(q, {
  insertAudits: (db, w) =>
    q.insertAudits(db, [
      {
        actor_id: w.userId,
        actor_name: 'beipiao',
        scope_code: w.village,
        entity: 'cadre_posting',
        entity_id: '1',
        action: 'import_create',
        before: null,
        after: JSON.stringify({ name: '李干部' }),
        ip: null,
      },
    ]),
  insertAudit: (db, w) =>
    q.insertAudit(db, {
      actor_id: w.userId,
      actor_name: 'beipiao',
      scope_code: w.village,
      entity: 'household',
      entity_id: String(w.householdId),
      action: 'update',
      before: JSON.stringify({ status: 'poor' }),
      after: JSON.stringify({ status: 'exited' }),
    }),
  listAudit: [
    { name: 'a scope, first page', run: (db, w) => q.listAudit(db, { scopeCode: w.county, limit: 51 }) },
    {
      name: 'every filter, next page',
      run: (db, w) =>
        q.listAudit(db, {
          scopeCode: w.county,
          actor: 'beipiao',
          entity: 'household',
          entityId: String(w.householdId),
          action: 'update',
          from: DAY,
          to: new Date('2026-02-01T00:00:00Z'),
          cursor: 100,
          limit: 51,
        }),
    },
  ],
  distinctEntities: (db, w) => q.distinctEntities(db, w.county),
  chainHead: (db) => q.chainHead(db),
  firstBrokenLink: (db) => q.firstBrokenLink(db),
});
