import { listenOn } from '../../../db/notify.ts';
import type { Db } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';

/** Raised on commit by the triggers of migration 0042 on every table the board reads; the payload names the table. */
export const BOARD_CHANNEL = 'fupin_board';
/** An answer is rebuilt after this long even without a notice (settings are themselves cached for 5 s per process). */
const MAX_AGE_MS = 30_000;
/** Villages × languages × (API, page): a province's 17,000 villages fit; beyond, the oldest go first. */
const MAX_ENTRIES = 40_000;

interface BoardCache {
  /** Moves on every notice: an answer built under an older generation is handed out but not kept. */
  generation: number;
  /** Only while a notice would reach us is anything kept. */
  listening: boolean;
  entries: Map<string, { at: number; value: unknown }>;
  building: Map<string, Promise<unknown>>;
}
const caches = new WeakMap<object, BoardCache>();
// FUPIN_BOARD_CACHE=0 turns it off, so a benchmark can show what building a board costs.
const CACHING = process.env.FUPIN_BOARD_CACHE !== '0';

function forget(c: BoardCache) {
  c.generation++;
  c.entries.clear();
  c.building.clear();
}

/**
 * Keeps the village boards this server builds in memory until a write to anything a board shows (any session, any
 * server, the CLI, psql: the triggers of migration 0042) is committed; then forgets them all. Nothing is kept while the
 * notices do not reach this server (before LISTEN is in place, while its connection is being re-opened). Returns the
 * function that stops (the app's onClose).
 */
export function startBoardCache(db: Db, log: (msg: string) => void): () => Promise<void> {
  const c: BoardCache = { generation: 0, listening: false, entries: new Map(), building: new Map() };
  if (!CACHING) return async () => {};
  const stop = listenOn(
    db,
    BOARD_CHANNEL,
    {
      onNotice: () => forget(c),
      onListening: (on) => {
        forget(c);
        c.listening = on;
      },
    },
    log,
  );
  if (!stop) return async () => {};
  caches.set(db, c);
  return async () => {
    if (caches.get(db) === c) caches.delete(db);
    await stop();
  };
}

/**
 * The answer for `key` (a village, a language, a form) as kept, or built now. Concurrent misses of one key share one
 * build. The day is part of the key (notices run by the calendar). Failures (404) are not kept.
 */
export async function cachedBoard<T>(db: Db, key: string, build: () => Promise<T>): Promise<T> {
  const c = caches.get(db);
  if (!c?.listening) return build();
  const k = `${thisDay()}|${key}`;
  const hit = c.entries.get(k);
  if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.value as T;
  const flying = c.building.get(k);
  if (flying !== undefined) return flying as Promise<T>;
  const generation = c.generation;
  const at = Date.now();
  const flight = build().then(
    (value) => {
      if (c.building.get(k) === flight) c.building.delete(k);
      // A notice during the build: what was read may be older than the write; answer it, keep nothing.
      if (c.generation === generation && c.listening) {
        if (c.entries.size >= MAX_ENTRIES) c.entries.delete(c.entries.keys().next().value as string);
        c.entries.delete(k);
        c.entries.set(k, { at, value });
      }
      return value;
    },
    (e: unknown) => {
      if (c.building.get(k) === flight) c.building.delete(k);
      throw e;
    },
  );
  c.building.set(k, flight);
  return flight;
}

/** How many answers are kept for `db` (tests and diagnostics); null when nothing is being kept. */
export function cachedBoards(db: Db): { listening: boolean; size: number } | null {
  const c = caches.get(db);
  return c ? { listening: c.listening, size: c.entries.size } : null;
}
