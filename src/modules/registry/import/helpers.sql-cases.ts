import { defineCases } from '../../../db/sql-record/define.ts';
import { SYSTEM_ACTOR } from '../../audit/service.ts';
import * as q from './helpers.ts';

export default defineCases(q, {
  resolveHelpers: (db, w) => q.resolveHelpers(db, w.batchId),
  countHelperResolutions: (db, w) => q.countHelperResolutions(db, w.batchId),
  listHelperResolutions: (db, w) => q.listHelperResolutions(db, w.batchId, 'new', 0, 50),
  createImportedHelpers: [
    { name: 'an import', run: (db, w) => q.createImportedHelpers(db, w.batchId, SYSTEM_ACTOR) },
    { name: "a form's save", run: (db, w) => q.createImportedHelpers(db, w.batchId, SYSTEM_ACTOR, { form: true }) },
  ],
});
