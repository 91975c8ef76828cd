import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './queries.ts';

export default defineCases(q, {
  hasDemoUsers: (db) => q.hasDemoUsers(db),
  ping: (db) => q.ping(db),
});
