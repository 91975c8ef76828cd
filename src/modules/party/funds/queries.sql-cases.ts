import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './queries.ts';

const payment = { paid_on: '2026-03-01', amount_fen: 11_200_000, purpose: 'operation', source: '县财政', note: null };

export default defineCases(q, {
  knownVillages: { noSql: 'a fragment the statements below embed' },
  locatePayment: (db) => q.locatePayment(db, '1'),
  listPayments: [
    { name: 'a county, first page', run: (db, w) => q.listPayments(db, { region: w.county, year: 2026 }, null, 51) },
    { name: 'after a cursor', run: (db, w) => q.listPayments(db, { region: w.village, year: 2026 }, { paidOn: '2026-05-01', id: 9 }, 51) },
  ],
  paymentById: (db) => q.paymentById(db, 1),
  insertPayment: (db, w) => q.insertPayment(db, w.county, { village_code: w.village, ...payment }),
  lockPayment: (db, w) => q.lockPayment(db, w.county, 1),
  insertReversal: async (db, w, quiet) => {
    const id = await quiet(() => q.insertPayment(db, w.county, { village_code: w.village, ...payment, amount_fen: 300 }));
    return q.insertReversal(db, w.county, {
      village_code: w.village,
      ...payment,
      amount_fen: -300,
      reverses_id: id ?? 0,
      corrected_on: '2026-04-01',
      correction_reason: '金额录错',
    });
  },
  insertCorrection: async (db, w, quiet) => {
    const id = await quiet(() => q.insertPayment(db, w.county, { village_code: w.village, ...payment, amount_fen: 100 }));
    return q.insertCorrection(db, w.county, { village_code: w.village, ...payment, amount_fen: 1000, corrects_id: id ?? 0 });
  },
  paidByChild: [
    {
      name: 'a county by township',
      run: (db, w) => q.paidByChild(db, w.county, 2026, { operation: 11_200_000, partyBuilding: 2_000_000 }),
    },
    { name: 'a village', run: (db, w) => q.paidByChild(db, w.village, 2026, { operation: 11_200_000, partyBuilding: 2_000_000 }) },
  ],
  incomeOf: (db, w) => q.incomeOf(db, w.county, w.village, 2026),
  listIncomes: (db, w) => q.listIncomes(db, w.township, 2026, 2000),
  upsertIncome: [
    {
      name: 'new',
      run: (db, w) =>
        q.upsertIncome(db, { county_code: w.county, village_code: w.village, year: 2026, amount_fen: 500_000, sources: '光伏' }, null),
    },
    {
      name: 'from the version read',
      run: (db, w) =>
        q.upsertIncome(db, { county_code: w.county, village_code: w.village, year: 2026, amount_fen: 500_000, sources: null }, 1),
    },
  ],
});
