/** The funds spreadsheet as the command line and the lead's wiring see it: its columns and its import kind. */

import type { Db } from '../../../db/types.ts';
import type { Actor } from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import type { FileProgress, StageFileOptions } from '../../registry/import/file.ts';
import { FUNDS } from './columns.ts';
import { fundsExportName, fundsExportRows } from './export.ts';
import { FUND_CATALOGUE } from './import/problems.ts';
import { commitPartyFunds, type FundCounts, stagePartyFundsFile } from './import/service.ts';

export { FUND_COLUMNS, FUNDS, type FundColumnId, PURPOSE_EXPORT, PURPOSE_WORDS, resolvePurpose } from './columns.ts';
// ---------------------------------------------------------------------------------------------------------------
// The kind the command line names (`fupin party import FILE --kind funds`, `fupin party export --kind funds`).

/** Everything the CLI needs to import and export funds, as the batch routes use it. */
export const partyFundsKind = {
  /** `--kind funds` */
  name: 'funds',
  /** import_batch.kind */
  batchKind: 'party_funds' as const,
  columns: FUNDS,
  catalogue: FUND_CATALOGUE,
  stageFile: (db: Db, keys: PiiKeys, opts: StageFileOptions, onProgress?: (p: FileProgress) => void) =>
    stagePartyFundsFile(db, keys, opts, onProgress),
  commit: (db: Db, _keys: PiiKeys, actor: Actor, batchId: number): Promise<FundCounts> => commitPartyFunds(db, actor, batchId),
  /** One line of the CLI's report. */
  describe: (c: FundCounts) =>
    `拨付 payments: ${c.payments.new} new, ${c.payments.unchanged} unchanged, ${c.payments.rejected} rejected (${c.rows} rows, ${c.rowsWithProblems} with problems)`,
  exportRows: (db: Db, region: string, year: number) => fundsExportRows(db, region, year),
  exportName: fundsExportName,
};
