/** Region codes are paths: a scope is a code prefix, and a record is inside it when its code starts with it. */
export function isWithin(code: string, scopeCode: string): boolean {
  return code.startsWith(scopeCode);
}

/** The codes of a region and every region above it: 211381109 → 21, 2113, 211381, 211381109. */
export function ancestorCodes(code: string): string[] {
  return [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

/** The lowest code strictly above a given prefix, for `code >= prefix AND code < upper` range scans. */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\uffff`;
}
