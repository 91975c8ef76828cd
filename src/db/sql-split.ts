import { createRequire } from 'node:module';

type Positions = (number | [number, number])[];
// Loaded with require and typed here: the package ships its TypeScript source beside the built file, which TypeScript
// would otherwise compile under this project's settings (and tsx run).
const { parseSplits, splitStatements } = createRequire(import.meta.url)('postgres-semicolons') as {
  parseSplits(sql: string, standardConformingStrings: boolean): { positions: Positions; unterminated?: string };
  splitStatements(sql: string, positions: Positions, cutComments: boolean): string[];
};

/**
 * A migration file's top-level statements, comments cut and blank ones dropped, for the one runner that must see
 * them one by one (a migration applied to a database already distributed on Citus: migrate.ts). postgres-semicolons
 * knows what can hold a semicolon in PostgreSQL (strings, E'' strings, quoted names, dollar-quoted bodies, nested
 * comments); a text that ends inside one of those is refused rather than cut wrongly.
 */
export function statementsOf(text: string): string[] {
  const { positions, unterminated } = parseSplits(text, true);
  if (unterminated) throw new Error(`SQL text ends inside ${unterminated}`);
  return splitStatements(text, positions, true)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
