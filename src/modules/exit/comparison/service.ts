import type { z } from 'zod';
import type { Db } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import { type Lang, pickLabel } from '../../../server/i18n.ts';
import * as audit from '../../audit/service.ts';
import { parseCursor } from '../../cadres/cursor.ts';
import { lookupHash, maskId, type PiiKeys } from '../../pii/crypto.ts';
import type { ProcedureActor } from '../../procedures/service.ts';
import { label as codeLabel } from '../../registry/codelists.ts';
import { idProblemMessage, normaliseIdNumber } from '../../registry/idcard.ts';
import { openStageSink } from '../../registry/import/copy.ts';
import { copyLine, stagingTarget } from '../../registry/import/staged.ts';
import { readRows } from '../../registry/interchange/read.ts';
import { endMembership } from '../../registry/write.ts';
import { KIND_LABELS, type Kind } from '../monitoring/procedures.ts';
import { proposeInTx } from '../monitoring/service.ts';
import { DEPARTMENT_LABELS, DEPARTMENT_LIST, type Department } from './interchange.ts';
import * as q from './queries.ts';
import type { DecideInput, HitQuery } from './schema.ts';

interface StagedComparisonRow {
  row_number: number;
  id_hash: string | null;
  id_masked: string | null;
  record: string;
  problem: string | null;
}
const STAGING = stagingTarget<StagedComparisonRow>('comparison_row', {
  row_number: 'int',
  id_hash: 'text',
  id_masked: 'text',
  record: 'jsonb',
  problem: 'text',
});

const PREVIEW_PROBLEMS = 50;
const cellText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v));

export interface ListFile {
  path: string;
  filename: string;
  department: Department;
  label: string | null;
  scope: string;
}

/**
 * Reads a department's list into staging (the preview): each row's ID number normalised exactly as the register's,
 * kept only as its keyed hash and masked form; the department's other fields as written; a row whose number cannot
 * be read keeps its problem. Nothing is matched yet. Streams: memory stays flat for a million rows.
 */
export async function stageList(db: Db, keys: PiiKeys, actor: ProcedureActor, file: ListFile, opts: { onRows?: (n: number) => void } = {}) {
  const reader = readRows({ path: file.path }, { columns: DEPARTMENT_LIST, requiredColumns: ['id_number'] });
  const info = await reader.header();
  const header = info.header.map((h) => cellText(h));
  const idIndex = [...info.mapping].find(([, id]) => id === 'id_number')?.[0] ?? -1;
  const batchId = await q.insertBatch(db, {
    scope_code: file.scope,
    department: file.department,
    label: file.label,
    filename: file.filename.slice(0, 255),
    actor_id: actor.id,
    actor_name: actor.username,
  });
  // The department's fields as a JSON object by header, written out directly (a million rows: no object per row). A
  // repeated header keeps its last value, as an object (and jsonb) would.
  const keyJson: string[] = [];
  const recordJson = (raw: readonly unknown[]) => {
    let json = '{';
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i];
      if (i === idIndex || v === null || v === undefined || v === '') continue;
      let key = keyJson[i];
      if (key === undefined) {
        key = JSON.stringify(header[i] || `#${i + 1}`);
        keyJson[i] = key;
      }
      json += `${json.length > 1 ? ',' : ''}${key}:${JSON.stringify(cellText(v).slice(0, 500))}`;
    }
    return `${json}}`;
  };
  const sink = await openStageSink<StagedComparisonRow>(db, batchId, STAGING);
  let total = 0;
  let problems = 0;
  const today = new Date();
  try {
    for await (const rows of reader.batches()) {
      let lines = '';
      const staged: StagedComparisonRow[] = [];
      for (const row of rows) {
        const record = recordJson(row.raw);
        const id = normaliseIdNumber(row.cells.id_number ?? '', today);
        const s: StagedComparisonRow = id.ok
          ? { row_number: row.rowNumber, id_hash: lookupHash(keys, id.value), id_masked: maskId(id.value), record, problem: null }
          : { row_number: row.rowNumber, id_hash: null, id_masked: null, record, problem: id.code };
        if (!id.ok) problems++;
        total++;
        if (sink.lines) lines += copyLine(batchId, s, STAGING);
        else staged.push(s);
      }
      await sink.write(lines, rows.length, staged);
      opts.onRows?.(total);
    }
    await sink.end();
  } catch (e) {
    await sink.abort(e);
    await q.setBatchDiscarded(db, batchId);
    await q.dropRows(db, batchId);
    throw e;
  }
  await q.setBatchRead(db, batchId, { total, problems, header });
  await audit.record(db, actor, {
    scopeCode: file.scope,
    entity: 'comparison_batch',
    entityId: batchId,
    action: 'import',
    after: { department: file.department, label: file.label, filename: file.filename, rows: total, problems },
  });
  return { id: batchId };
}

export async function batchView(db: Db, id: number, lang: Lang) {
  const b = await q.batchById(db, id);
  if (!b) throw notFound();
  const lng = lang === 'en' ? 'en' : 'zh-CN';
  return {
    id: Number(b.id),
    department: b.department,
    departmentLabel: pickLabel(DEPARTMENT_LABELS[b.department as Department], lang),
    label: b.label,
    filename: b.filename,
    status: b.status,
    totalRows: b.total_rows,
    problemRows: b.problem_rows,
    hits: b.hits,
    header: b.header,
    importedBy: b.actor_name,
    createdAt: new Date(b.created_at).toISOString(),
    matchedAt: b.matched_at ? new Date(b.matched_at).toISOString() : null,
    problems: (await q.problemRows(db, id, PREVIEW_PROBLEMS)).map((p) => ({
      row: p.row_number,
      code: p.problem,
      message: idProblemMessage(p.problem as Parameters<typeof idProblemMessage>[0], lng),
    })),
  };
}

export async function listBatches(db: Db, scope: string, lang: Lang) {
  const rows = await q.listBatches(db, scope, 50);
  return {
    items: rows.map((b) => ({
      id: Number(b.id),
      department: b.department,
      departmentLabel: pickLabel(DEPARTMENT_LABELS[b.department as Department], lang),
      label: b.label,
      filename: b.filename,
      status: b.status,
      totalRows: b.total_rows,
      problemRows: b.problem_rows,
      hits: b.hits,
      createdAt: new Date(b.created_at).toISOString(),
    })),
  };
}

/**
 * Matches a previewed list against the register within the importer's scope (the list's scope): one open hit per row
 * naming a registered person, for the household's county. The staged rows then go. Audited, one transaction.
 */
export async function matchList(db: Db, actor: ProcedureActor, id: number) {
  return db.transaction().execute(async (tx) => {
    const b = await q.batchById(tx, id);
    if (!b) throw notFound();
    if (b.status !== 'previewed') throw new AppError('COMPARISON_BATCH_STATE', 409, {}, [{ path: 'id', code: 'state' }]);
    await q.analyzeRows(tx);
    await q.matchMemory(tx);
    const byCounty = await q.matchBatch(tx, id, b.scope_code, b.department);
    const hits = byCounty.reduce((s, c) => s + Number(c.n), 0);
    await q.setBatchMatched(tx, id, hits);
    await q.dropRows(tx, id);
    await audit.record(tx, actor, {
      scopeCode: b.scope_code,
      entity: 'comparison_batch',
      entityId: id,
      action: 'match',
      after: { hits, counties: Object.fromEntries(byCounty.map((c) => [c.county_code, Number(c.n)])) },
    });
    return { hits, counties: byCounty.map((c) => ({ county: c.county_code, hits: Number(c.n) })) };
  });
}

export async function discardList(db: Db, actor: ProcedureActor, id: number) {
  return db.transaction().execute(async (tx) => {
    const b = await q.batchById(tx, id);
    if (!b) throw notFound();
    if (b.status !== 'previewed') throw new AppError('COMPARISON_BATCH_STATE', 409, {}, [{ path: 'id', code: 'state' }]);
    await q.dropRows(tx, id);
    await q.setBatchDiscarded(tx, id);
    await audit.record(tx, actor, { scopeCode: b.scope_code, entity: 'comparison_batch', entityId: id, action: 'discard', after: {} });
    return { id };
  });
}

function hitItem(h: q.HitRow, lang: Lang) {
  const { __id, ...record } = h.record;
  return {
    id: Number(h.id),
    batchId: Number(h.batch_id),
    row: h.row_number,
    department: h.department,
    departmentLabel:
      h.department === 'other' && h.batch_label ? h.batch_label : pickLabel(DEPARTMENT_LABELS[h.department as Department], lang),
    record,
    person: {
      id: Number(h.person_id),
      name: h.person_name,
      idMasked: h.id_masked,
      relation: h.relation ? (codeLabel('relation', h.relation, lang) ?? h.relation) : null,
    },
    household: {
      id: Number(h.household_id),
      no: h.household_no,
      status: h.household_status,
      statusLabel: codeLabel('household_status', h.household_status, lang) ?? h.household_status,
    },
    village: { code: h.village_code, name: h.village_name, township: h.township_name },
    state: h.state,
    action: h.action,
    reason: h.reason,
    monitoringCaseId: h.monitoring_case_id === null ? null : Number(h.monitoring_case_id),
    decidedBy: h.decided_name,
    decidedAt: h.decided_at ? new Date(h.decided_at).toISOString() : null,
  };
}

export async function listHits(db: Db, region: string, query: z.infer<typeof HitQuery>, lang: Lang) {
  const rows = await q.listHits(
    db,
    { region, state: query.state, department: query.department, batchId: query.batch },
    query.cursor ? parseCursor(query.cursor) : null,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((h) => hitItem(h, lang)),
    nextCursor: rows.length > query.limit && last ? `${last.county_code}-${last.id}` : null,
  };
}

export async function hitDetail(db: Db, id: number, lang: Lang) {
  const h = await q.hitById(db, id);
  if (!h) throw notFound();
  const members = await q.membersOf(db, h.county_code, Number(h.household_id));
  return {
    ...hitItem(h, lang),
    members: members.map((m) => ({
      personId: Number(m.person_id),
      name: m.name,
      idMasked: m.id_masked,
      relation: codeLabel('relation', m.relation, lang) ?? m.relation,
    })),
  };
}

/**
 * The county's decision on a hit. Dismiss needs a reason. Confirm acts: a death ends the person's membership of the
 * household; another department's hit opens a monitoring case for re-assessment (source 部门比对) unless the county
 * records it only (`reassess: false`, with a note why). One transaction, audited; a hit decided already answers 409.
 */
export async function decideHit(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof DecideInput>) {
  if (actor.scope.length > 6) throw new AppError('PROCEDURE_LEVEL', 403, { level: '县级', levelEn: 'county' });
  return db.transaction().execute(async (tx) => {
    const h = await q.hitById(tx, id);
    if (!h) throw notFound();
    if (h.state !== 'open') throw new AppError('COMPARISON_HIT_DECIDED', 409);
    const reason = input.reason?.trim() || null;
    let action: string | null = null;
    let caseId: number | null = null;
    if (input.decision === 'dismiss') {
      if (!reason) throw new AppError('COMPARISON_REASON_REQUIRED', 400, {}, [{ path: 'reason', code: 'required' }]);
    } else if (h.department === 'death') {
      // Through the register's write path: the member row goes, one audit row lists the member removed, the version
      // moves on (a form opened before cannot put the person back unseen).
      const ended = await endMembership(
        tx,
        { countyCode: h.county_code, id: Number(h.household_id) },
        { actor, scopeCode: actor.scope },
        Number(h.person_id),
        { cause: 'death', date: thisDay(), note: reason, source: `comparison_hit:${id}` },
      );
      if (!ended) throw new AppError('COMPARISON_NOT_MEMBER', 409);
      action = 'membership_ended';
    } else if (input.reassess === false) {
      if (!reason) throw new AppError('COMPARISON_REASON_REQUIRED', 400, {}, [{ path: 'reason', code: 'required' }]);
      action = 'noted';
    } else {
      const kind: Kind = input.kind ?? (h.household_status === 'exited' ? 'unstable' : 'marginal');
      const dept = pickLabel(DEPARTMENT_LABELS[h.department as Department], 'zh-CN');
      const made = await proposeInTx(tx, actor, {
        county: h.county_code,
        householdId: Number(h.household_id),
        villageCode: h.village_code,
        kind,
        source: 'comparison',
        sourceRef: id,
        risk: `${dept}比对：${h.person_name}（${KIND_LABELS[kind].zh}复核）${reason ? `，${reason}` : ''}`.slice(0, 1000),
      });
      caseId = made.id;
      action = 'monitoring_opened';
    }
    const decided = await q.decideHit(tx, h.county_code, id, {
      state: input.decision === 'dismiss' ? 'dismissed' : 'confirmed',
      action,
      reason,
      monitoring_case_id: caseId,
      by: actor.id,
      name: actor.username,
    });
    if (!decided) throw new AppError('COMPARISON_HIT_DECIDED', 409);
    await audit.record(tx, actor, {
      scopeCode: h.village_code,
      entity: 'comparison_hit',
      entityId: id,
      action: input.decision,
      before: { state: 'open' },
      after: { state: input.decision === 'dismiss' ? 'dismissed' : 'confirmed', action, reason, monitoringCaseId: caseId },
    });
    return { id, action, monitoringCaseId: caseId };
  });
}
