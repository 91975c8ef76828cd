/**
 * Splits a migration file into its top-level statements, for the one runner that must see them one by one (a
 * migration applied to a database already distributed on Citus: migrate.ts). It knows what can hold a semicolon in
 * PostgreSQL's grammar as the migrations use it: quoted strings ('', E'' with backslashes), quoted identifiers,
 * dollar-quoted bodies ($$, $tag$), line and nested block comments. Each statement keeps its own text, comments
 * included; blank remainders are dropped.
 */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  const isIdent = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_$]/u.test(c);
  while (i < n) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && next === '*') {
      i = blockCommentEnd(text, i);
    } else if (c === "'" || c === '"') {
      const escapes = c === "'" && /[eE]/.test(text[i - 1] ?? '') && !isIdent(text[i - 2]);
      i++;
      while (i < n) {
        if (escapes && text[i] === '\\') i += 2;
        else if (text[i] === c && text[i + 1] === c) i += 2;
        else if (text[i] === c) break;
        else i++;
      }
      i++;
    } else if (c === '$' && !isIdent(text[i - 1])) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (tag) {
        const end = text.indexOf(tag[0], i + tag[0].length);
        i = end < 0 ? n : end + tag[0].length;
      } else i++;
    } else if (c === ';') {
      out.push(text.slice(start, i + 1));
      i++;
      start = i;
    } else i++;
  }
  out.push(text.slice(start));
  return out.filter((s) => withoutComments(s).trim() !== '');
}

/** The statement's text with its leading comments and blank lines removed (what it begins with). */
export function withoutComments(statement: string): string {
  let s = statement;
  for (;;) {
    const t = s.trimStart();
    if (t.startsWith('--')) {
      const end = t.indexOf('\n');
      s = end < 0 ? '' : t.slice(end + 1);
    } else if (t.startsWith('/*')) {
      s = t.slice(blockCommentEnd(t, 0));
    } else return t;
  }
}

/** Where the block comment opening at `from` ends (PostgreSQL's block comments nest). */
function blockCommentEnd(text: string, from: number): number {
  let depth = 0;
  let i = from;
  do {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
    } else i++;
  } while (i < text.length && depth > 0);
  return i;
}
