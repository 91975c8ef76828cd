import type { Db } from '../../db/types.ts';
import { type Lang, t } from '../../server/i18n.ts';
import * as q from './queries.ts';

/**
 * The audit trail's hash chain (migration 0007): each row's hash is sha256 over the previous row's hash and the
 * row's canonical text, computed by a trigger on every insert. Verifying walks the chain once and names the
 * first link that does not hold.
 */
export interface ChainReport {
  intact: boolean;
  rows: number;
  /** The last link: an operator who writes it down (with the backup log) can later tell a truncated tail. */
  head: { id: number; seq: number; at: string; hash: string } | null;
  broken: {
    id: number;
    at: string;
    seq: number;
    /** altered: the row (or its hash) was changed; missing: rows before it in the chain were deleted. */
    reason: 'altered' | 'missing';
    /** For missing: how many links are gone before this row. */
    missing?: number;
  } | null;
}

export async function verifyChain(db: Db): Promise<ChainReport> {
  // One snapshot for both reads, so that rows appended meanwhile do not make the count and the walk disagree.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const head = await q.chainHead(tx);
      const bad = await q.firstBrokenLink(tx);
      const expectedPrev = bad ? bad.seq - 1 : 0;
      return {
        intact: bad === null,
        rows: Number(head.rows),
        head:
          head.id === null || head.seq === null || head.at === null || head.hash === null
            ? null
            : { id: Number(head.id), seq: Number(head.seq), at: new Date(head.at).toISOString(), hash: head.hash },
        broken: bad
          ? {
              id: Number(bad.id),
              at: new Date(bad.at).toISOString(),
              seq: Number(bad.seq),
              ...((bad.prevSeq ?? 0) === expectedPrev
                ? { reason: 'altered' as const }
                : { reason: 'missing' as const, missing: expectedPrev - Number(bad.prevSeq ?? 0) }),
            }
          : null,
      };
    });
}

/** Only a province-level user who may read the audit log verifies it: the chain spans every scope. */
export function mayVerify(user: { scope_code: string }): boolean {
  return user.scope_code.length === 2;
}

export function describeChain(r: ChainReport, lang: Lang): string {
  if (!r.broken) return t(lang, 'AUDIT_CHAIN_INTACT', { rows: r.rows });
  const params = { id: r.broken.id, at: r.broken.at, seq: r.broken.seq, missing: r.broken.missing ?? 0 };
  return t(lang, r.broken.reason === 'missing' ? 'AUDIT_CHAIN_MISSING' : 'AUDIT_CHAIN_ALTERED', params);
}
