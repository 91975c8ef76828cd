import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './queries.ts';

// The statements are the same whatever the batch holds: an empty batch of the world records them.
const B = 1;

export default defineCases(q, {
  resetChecks: [
    { name: 'organisations', run: (db) => q.resetChecks(db, 'party_orgs', B) },
    { name: 'members', run: (db) => q.resetChecks(db, 'party_members', B) },
  ],
  checkPersons: [
    { name: 'organisations', run: (db) => q.checkPersons(db, 'party_orgs', B) },
    { name: 'members', run: (db) => q.checkPersons(db, 'party_members', B) },
  ],
  checkOrgs: (db) => q.checkOrgs(db, B),
  checkMembers: (db) => q.checkMembers(db, B),
  countOutcomes: (db) => q.countOutcomes(db, 'party_members', B),
  analyzeStaged: (db) => q.analyzeStaged(db, 'party_members'),
  insertPersons: [
    { name: 'organisations', run: (db) => q.insertPersons(db, 'party_orgs', B) },
    { name: 'members', run: (db) => q.insertPersons(db, 'party_members', B) },
  ],
  commitOrgs: (db) => q.commitOrgs(db, B),
  commitMembers: (db) => q.commitMembers(db, B),
  lockCounties: (db) => q.lockCounties(db, 'party_orgs', B),
  exportOrgPage: (db, w) => q.exportOrgPage(db, w.county, { region: '', id: 0 }, 1000),
  exportMemberPage: (db, w) => q.exportMemberPage(db, w.county, { county: '', id: 0 }, 1000),
  countExportPersons: [
    { name: 'organisations', run: (db, w) => q.countExportPersons(db, 'party_orgs', w.county) },
    { name: 'members', run: (db, w) => q.countExportPersons(db, 'party_members', w.county) },
  ],
});
