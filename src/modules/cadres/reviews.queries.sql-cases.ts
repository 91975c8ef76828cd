import { defineCases, type World } from '../../db/sql-record/define.ts';
import type { Db } from '../../db/types.ts';
import { fixture } from './queries.sql-cases.ts';
import * as r from './reviews.queries.ts';

/** The recorded posting (made quietly by the cadres' query cases' fixture). */
const anyPosting = async (db: Db, w: World) => Number((await fixture(db, w)).posting);

export default defineCases(r, {
  onLeave: async (db, w, quiet) => r.onLeave(db, w.county, await quiet(() => anyPosting(db, w)), '2026-11-02'),
  insertSpotCheck: async (db, w, quiet) =>
    r.insertSpotCheck(db, {
      county_code: w.county,
      posting_id: await quiet(() => anyPosting(db, w)),
      check_date: '2026-11-05',
      found: false,
      note: null,
      checker_id: w.userId,
      checker_name: 'dongguanying',
      checker_scope: w.township,
    }),
  insertAbsence: async (db, w, quiet) =>
    r.insertAbsence(db, {
      county_code: w.county,
      posting_id: await quiet(() => anyPosting(db, w)),
      day: '2026-11-05',
      source: 'spot_check',
      source_id: null,
      note: null,
    }),
  absencesInYear: async (db, w, quiet) => r.absencesInYear(db, w.county, await quiet(() => anyPosting(db, w)), 2026),
  spotChecks: async (db, w, quiet) => r.spotChecks(db, w.county, await quiet(() => anyPosting(db, w))),
  insertReview: async (db, w, quiet) =>
    r.insertReview(db, {
      county_code: w.county,
      posting_id: await quiet(() => anyPosting(db, w)),
      year: 2026,
      period: 'year',
      rating: 'competent',
      comment: null,
      reviewer_id: w.userId,
      reviewer_name: 'beipiao',
      reviewer_scope: w.county,
    }),
  reviews: async (db, w, quiet) => r.reviews(db, w.county, await quiet(() => anyPosting(db, w))),
  unitRegionOf: async (db, w, quiet) => r.unitRegionOf(db, w.county, await quiet(() => anyPosting(db, w))),
  linkUserToPosting: (db, w) => r.linkUserToPosting(db, w.userId, w.county, 1),
});
