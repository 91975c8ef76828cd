import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './queries.ts';

export default defineCases(q, {
  insertUser: (db) =>
    q.insertUser(db, { username: 'sqlcase', display_name: '录制', password_hash: 'x', role: 'village_user', scope_code: '211381109201' }),
  findUserByUsername: (db) => q.findUserByUsername(db, 'beipiao'),
  anyUser: (db) => q.anyUser(db, 'demo'),
  activeDemoLogins: (db) => q.activeDemoLogins(db),
  listUsers: [
    { name: 'first page of a scope', run: (db, w) => q.listUsers(db, { scopeCode: w.county, limit: 51 }) },
    { name: 'searched, next page', run: (db, w) => q.listUsers(db, { scopeCode: w.county, q: 'bei', cursor: 3, limit: 51 }) },
  ],
  findUserWithScopeName: (db, w) => q.findUserWithScopeName(db, w.userId),
  locateUser: (db, w) => q.locateUser(db, String(w.userId)),
});
