// One function per endpoint of the party funds, pay, income, commitments and reserve cadres; shapes from the OpenAPI document.
import type { SmallImportResult } from '../components/cadres/SmallImportCard';
import { api } from './client';
import type { BodyOf, Ok, QueryOf, Schemas } from './schema';
import type { Id } from './types';

export type FundsSummary = Schemas['FundsSummary'];
export type FundsRow = Schemas['FundsRow'];
export type Payment = Schemas['Payment'];
export type PaymentInput = BodyOf<'/api/party/funds/payments', 'post'>;
export type PayItem = Schemas['PayItem'];
export type PayInput = BodyOf<'/api/party/funds/pay', 'post'>;
export type IncomeItem = Schemas['IncomeItem'];
export type IncomeInput = BodyOf<'/api/party/funds/income', 'put'>;
export type Commitment = Schemas['Commitment'];
export type CommitmentList = Ok<'/api/party/commitments'>;
export type Reserve = Schemas['Reserve'];
export type ReserveDetail = Schemas['ReserveDetail'];
export type ReserveInput = BodyOf<'/api/party/reserve', 'post'>;
export type TrainingInput = BodyOf<'/api/party/reserve/{id}/trainings', 'post'>;

const enc = (v: Id) => encodeURIComponent(String(v));
const IMPORTS = '/api/party/funds/imports';

interface Batch {
  status: string;
  summary: { rows?: number; rowsWithProblems?: number; payments?: Record<string, number>; error?: string } | null;
}

/** The batch a chosen file was previewed as, so that "commit" commits that preview. */
const previewed = new WeakMap<File, number>();

async function waitPreview(id: number): Promise<Batch> {
  for (;;) {
    const b = await api.get<Batch>(`${IMPORTS}/${id}`);
    if (b.status !== 'staging') return b;
    await new Promise((r) => setTimeout(r, 400));
  }
}

/** Upload and preview a funds file, or commit the preview of that file (SmallImportCard's contract). */
async function importFunds(file: File, commit: boolean): Promise<SmallImportResult> {
  const known = previewed.get(file);
  if (commit && known) {
    const done = await api.post<{ counts: { rows: number; rowsWithProblems: number; payments: Record<string, number> } }>(
      `${IMPORTS}/${known}/commit`,
    );
    previewed.delete(file);
    return {
      rows: done.counts.rows,
      counts: done.counts.payments,
      rowsWithProblems: done.counts.rowsWithProblems,
      problems: [],
      committed: true,
    };
  }
  const { id } = await api.upload<{ id: number }>(IMPORTS, file);
  const b = await waitPreview(id);
  if (b.status === 'failed') throw new Error(b.summary?.error ?? 'failed');
  previewed.set(file, id);
  const problems = await api.get<{ items: { row: number; message: string }[] }>(`${IMPORTS}/${id}/problems`, { query: { limit: 200 } });
  return {
    rows: b.summary?.rows ?? 0,
    counts: b.summary?.payments ?? {},
    rowsWithProblems: b.summary?.rowsWithProblems ?? 0,
    problems: problems.items,
    committed: false,
  };
}

export const partyFunds = {
  summary: (q: QueryOf<'/api/party/funds/summary'>) => api.get<FundsSummary>('/api/party/funds/summary', { query: { ...q } }),
  payments: (q: QueryOf<'/api/party/funds/payments'>) =>
    api.get<Ok<'/api/party/funds/payments'>>('/api/party/funds/payments', { query: { ...q } }),
  createPayment: (body: PaymentInput) => api.post<{ id: number }>('/api/party/funds/payments', body),
  correctPayment: (id: Id, body: BodyOf<'/api/party/funds/payments/{id}/correct', 'post'>) =>
    api.post<Ok<'/api/party/funds/payments/{id}/correct'>>(`/api/party/funds/payments/${enc(id)}/correct`, body),
  createCommitment: (body: BodyOf<'/api/party/commitments', 'post'>) => api.post<{ id: number }>('/api/party/commitments', body),
  leaveReserve: (id: Id, body: BodyOf<'/api/party/reserve/{id}/leave', 'post'>) =>
    api.post<{ id: number }>(`/api/party/reserve/${enc(id)}/leave`, body),
  exportFunds: (q: { region: string; year: number }) =>
    api.download('/api/party/funds/export', { query: { ...q, format: 'xlsx' }, fallbackName: 'funds.xlsx' }),
  importFunds,
  pay: (q: QueryOf<'/api/party/funds/pay'>) => api.get<Ok<'/api/party/funds/pay'>>('/api/party/funds/pay', { query: { ...q } }),
  createPay: (body: PayInput) => api.post<{ id: number }>('/api/party/funds/pay', body),
  setPaid: (id: Id, paidOn: string | null, version: number) =>
    api.post<{ version: number }>(`/api/party/funds/pay/${enc(id)}/paid`, { paidOn, version }),
  incomes: (q: QueryOf<'/api/party/funds/income'>) =>
    api.get<Ok<'/api/party/funds/income'>>('/api/party/funds/income', { query: { ...q } }),
  setIncome: (body: IncomeInput) => api.put<{ version: number }>('/api/party/funds/income', body),
  commitments: (q: QueryOf<'/api/party/commitments'>) => api.get<CommitmentList>('/api/party/commitments', { query: { ...q } }),
  fulfil: (id: Id, body: BodyOf<'/api/party/commitments/{id}/fulfilment', 'post'>) =>
    api.post<{ version: number }>(`/api/party/commitments/${enc(id)}/fulfilment`, body),
  review: (id: Id, body: BodyOf<'/api/party/commitments/{id}/review', 'post'>) =>
    api.post<{ version: number }>(`/api/party/commitments/${enc(id)}/review`, body),
  reserves: (region: string) => api.get<Ok<'/api/party/reserve'>>('/api/party/reserve', { query: { region } }),
  reserve: (id: Id) => api.get<ReserveDetail>(`/api/party/reserve/${enc(id)}`),
  createReserve: (body: ReserveInput) => api.post<{ id: number }>('/api/party/reserve', body),
  addTraining: (id: Id, body: TrainingInput) => api.post<{ id: number }>(`/api/party/reserve/${enc(id)}/trainings`, body),
};

/** Fen → yuan as people read it (¥112,000.00). */
export const yuan = (fen: number | null | undefined, lang: string) =>
  fen === null || fen === undefined
    ? '—'
    : (fen / 100).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Yuan typed in a form → fen, exactly (no float sums: the server keeps integers). */
export function toFen(yuanText: string | number | null | undefined): number | null {
  if (yuanText === null || yuanText === undefined || yuanText === '') return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(yuanText).replace(/[,\s]/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
