import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './household.queries.ts';

export default defineCases(q, {
  incomes: (db, w) => q.incomes(db, w.county, w.householdId),
  statusHistory: (db, w) => q.statusHistory(db, w.county, w.householdId),
  pairings: (db, w) => q.pairings(db, w.county, w.householdId),
  visits: (db, w) => q.visits(db, w.county, w.householdId),
  projects: [
    { name: 'by year (the page)', run: (db, w) => q.projects(db, w.county, w.householdId) },
    { name: 'as entered (the form)', run: (db, w) => q.projects(db, w.county, w.householdId, 'id') },
  ],
  householdGuarantees: (db, w) => q.householdGuarantees(db, w.county, w.householdNo),
  setGuarantees: (db, w) =>
    q.setGuarantees(db, w.county, w.householdId, { food: true, clothing: true, education: false, medical: true, housing: true }),
  deleteIncomes: (db, w) => q.deleteIncomes(db, w.county, w.householdId, [2015, 2016]),
  upsertIncome: (db, w) =>
    q.upsertIncome(db, w.county, w.householdId, 2017, {
      per_capita: 4100,
      wages: 6000,
      business: 3000,
      business_costs: 500,
      property: 0,
      transfers: 1800,
      persons: 2,
    }),
  insertProject: (db, w) => q.insertProject(db, w.county, w.householdId, { type: 'industry', year: 2017, amount: 5000, state: 'done' }),
  updateProject: (db, w) => q.updateProject(db, w.county, 1, { type: 'industry', year: 2017, amount: 6000, state: 'done' }),
  deleteProjects: (db, w) => q.deleteProjects(db, w.county, w.householdId, [1, 2]),
  currentPairing: (db, w) => q.currentPairing(db, w.county, w.householdId),
  setHelperPhone: (db, w) =>
    q.setHelperPhone(db, w.county, { id: 1, helper_id: 1 }, { cipher: 'cipher', masked: '138****0000', hash: 'hash' }),
  placeOfVillage: (db, w) => q.placeOfVillage(db, w.village),
  personIdentity: (db, w) => q.personIdentity(db, w.personId),
  householdKey: (db, w) => q.householdKey(db, w.householdId),
  memberIdCipher: (db, w) => q.memberIdCipher(db, w.county, w.householdId, w.personId),
  householdByNumber: (db, w) => q.householdByNumber(db, w.county, w.householdNo),
  poorVillages: [
    { name: 'all', run: (db, w) => q.poorVillages(db, w.county, 'all') },
    { name: 'exited', run: (db, w) => q.poorVillages(db, w.county, 'exited') },
    { name: 'not exited', run: (db, w) => q.poorVillages(db, w.county, 'not_exited') },
  ],
});
