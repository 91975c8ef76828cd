import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './queries.ts';

export default defineCases(q, {
  regionOf: (db, w) => q.regionOf(db, w.village),
  inNotice: (db, w) => q.inNotice(db, w.village),
  announcedCount: (db, w) => q.announcedCount(db, w.village, w.registerYear),
  noticeVillages: (db) => q.noticeVillages(db, 500),
});
