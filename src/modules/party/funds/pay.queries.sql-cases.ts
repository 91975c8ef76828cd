import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './pay.queries.ts';

export default defineCases(q, {
  locatePay: (db) => q.locatePay(db, '1'),
  listPay: [
    { name: 'a county', run: (db, w) => q.listPay(db, { region: w.county, year: 2026, today: '2026-06-01' }, 500) },
    { name: 'late only', run: (db, w) => q.listPay(db, { region: w.township, year: 2026, late: true, today: '2026-06-01' }, 500) },
  ],
  insertPay: (db, w) =>
    q.insertPay(db, {
      county_code: w.county,
      village_code: w.village,
      person_id: w.personId,
      post: '村党支部书记',
      month: '2026-03-01',
      amount_due_fen: 300_000,
      due_on: '2026-03-31',
      paid_on: null,
    }),
  payById: (db) => q.payById(db, 1),
  setPaid: (db, w) => q.setPaid(db, w.county, 1, 1, '2026-04-02'),
});
