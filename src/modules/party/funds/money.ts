/**
 * Money is kept in fen (分), integers: a sum of payments is exact whatever their number. Yuan are read from text as
 * written (a spreadsheet's 112000, 1,200.5 or ￥3 000.05) without passing through a float.
 */
const MAX_FEN = 10_000_000_000; // 1 亿元: more than any one payment to a village

/** Yuan as written → fen, or null when it is not an amount of yuan with at most two decimals. */
export function yuanToFen(raw: unknown): number | null {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null;
    // A spreadsheet's number: round to fen only when it has no more than two decimals (1.1 + 0.2 style noise aside).
    const fen = Math.round(raw * 100);
    if (Math.abs(fen - raw * 100) > 1e-6 * Math.max(1, Math.abs(raw))) return null;
    return Math.abs(fen) <= MAX_FEN ? fen : null;
  }
  if (typeof raw !== 'string') return null;
  const text = raw
    .normalize('NFKC')
    .replace(/[\s,¥￥元]/g, '')
    .trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return null;
  return m[1] ? -fen : fen;
}

/** Fen → yuan text with two decimals (112000.00), exact for any safe integer. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** A share in percent with two decimals, or null over nothing. Integer arithmetic until the last division. */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 10000) / whole) / 100;
}
