/**
 * The party module's spreadsheet kinds, by the name the command line takes (`fupin party import FILE --kind …`). Each
 * part of the module plugs its own in here (the ledger, the funds); a kind missing here answers "not available yet".
 */
import type { Db } from '../../db/types.ts';
import { thisYear } from '../../server/clock.ts';
import type { Lang } from '../../server/i18n.ts';
import type { PiiKeys } from '../pii/crypto.ts';
import type { ProcedureActor } from '../procedures/service.ts';
import type { StageFileOptions } from '../registry/import/file.ts';
import type { ProblemCatalogue } from '../registry/import/problems.ts';
import type { ImportKind } from '../registry/import/service.ts';
import type { ColumnSet } from '../registry/interchange/columns.ts';
import type { SheetValues } from '../registry/interchange/write.ts';
import type { FundCounts } from './funds/import/service.ts';
import { partyFundsKind } from './funds/interchange.ts';
import { MEMBERS, ORGS } from './interchange/columns.ts';
import {
  commitParty,
  exportMemberRows,
  exportOrgRows,
  MEMBER_CATALOGUE,
  ORG_CATALOGUE,
  type PartyImportCounts,
  partyFileStager,
} from './interchange/service.ts';
import { LEDGER_CATALOGUE } from './ledger/import/problems.ts';
import { commitPartyLedger, stagePartyLedgerFile } from './ledger/import/service.ts';
import { partyLedgerKind } from './ledger/interchange.ts';

export interface PartyKindDef {
  /** The import batch kind (import_batch.kind). */
  batchKind: ImportKind;
  label: { zh: string; en: string };
  columns: ColumnSet;
  catalogue: ProblemCatalogue;
  stage(db: Db, keys: PiiKeys, opts: StageFileOptions): Promise<{ batchId: number; counts: PartyImportCounts }>;
  /** The CLI's actor has the scope and permissions of its --scope (the ledger's cases are stepped by the procedure's rules). */
  commit(db: Db, actor: ProcedureActor, batchId: number): Promise<PartyImportCounts>;
  rows(db: Db, keys: PiiKeys, region: string, unmask: boolean, lang?: Lang): AsyncIterable<SheetValues<string>>;
}

export const PARTY_KIND_NAMES = ['orgs', 'members', 'ledger', 'funds'] as const;
export type PartyKindName = (typeof PARTY_KIND_NAMES)[number];

export const PARTY_KINDS: Partial<Record<PartyKindName, PartyKindDef>> = {
  orgs: {
    batchKind: 'party_orgs',
    label: { zh: '村党组织', en: 'organisations' },
    columns: ORGS as ColumnSet,
    catalogue: ORG_CATALOGUE,
    stage: (db, keys, opts) => partyFileStager('party_orgs')(db, keys, opts),
    commit: (db, actor, id) => commitParty(db, actor, 'party_orgs', id),
    rows: exportOrgRows as PartyKindDef['rows'],
  },
  members: {
    batchKind: 'party_members',
    label: { zh: '党员', en: 'members' },
    columns: MEMBERS as ColumnSet,
    catalogue: MEMBER_CATALOGUE,
    stage: (db, keys, opts) => partyFileStager('party_members')(db, keys, opts),
    commit: (db, actor, id) => commitParty(db, actor, 'party_members', id),
    rows: exportMemberRows as PartyKindDef['rows'],
  },
  // The rectification ledger (软弱涣散整顿台账): cases as records; the export is every year's, in the CLI's language.
  ledger: {
    batchKind: partyLedgerKind.kind,
    label: { zh: '整顿台账案例', en: 'rectification cases' },
    columns: partyLedgerKind.columnSet as unknown as ColumnSet,
    catalogue: LEDGER_CATALOGUE,
    stage: async (db, keys, opts) => {
      const r = await stagePartyLedgerFile(db, keys, opts);
      return { batchId: r.batchId, counts: { ...r.counts, persons: { new: 0 } } };
    },
    commit: async (db, actor, id) => ({ ...(await commitPartyLedger(db, actor, id)), persons: { new: 0 } }),
    rows: (db, _keys, region, _unmask, lang) =>
      partyLedgerKind.exportRows(db, region, null, lang ?? 'zh-CN') as AsyncIterable<SheetValues<string>>,
  },
  // Payments (拨付): the same rows, payments counted as records; the export is this year's.
  funds: {
    batchKind: partyFundsKind.batchKind,
    label: { zh: '村级经费拨付', en: 'fund payments' },
    columns: partyFundsKind.columns as unknown as ColumnSet,
    catalogue: partyFundsKind.catalogue as unknown as ProblemCatalogue,
    stage: async (db, keys, opts) => {
      const r = await partyFundsKind.stageFile(db, keys, opts);
      return { batchId: r.batchId, counts: fundCounts(r.counts) };
    },
    commit: async (db, actor, id) => fundCounts(await partyFundsKind.commit(db, {} as PiiKeys, actor, id)),
    rows: async function* (db, _keys, region) {
      yield* (await partyFundsKind.exportRows(db, region, thisYear())) as SheetValues<string>[];
    },
  },
};

function fundCounts(c: FundCounts): PartyImportCounts {
  return { rows: c.rows, rowsWithProblems: c.rowsWithProblems, records: c.payments, persons: { new: 0 } };
}
