import type { Tx } from '../../db/types.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Lang } from '../../server/i18n.ts';
import { ancestorCodes, isWithin } from '../../server/scope.ts';
import * as q from './queries.ts';
import { povertyCounties, readProvince, sourceVersion } from './source.ts';

const LEVEL_LABELS: Record<number, [string, string]> = {
  1: ['省', 'Province'],
  2: ['市', 'City'],
  3: ['县（市、区）', 'County'],
  4: ['乡（镇、街道）', 'Township'],
  5: ['村（社区）', 'Village'],
};

export function levelLabel(level: number, lang: Lang): string {
  const pair = LEVEL_LABELS[level];
  return pair ? (lang === 'en' ? pair[1] : pair[0]) : String(level);
}

export interface RegionView {
  code: string;
  name: string;
  level: number;
  levelLabel: string;
  parentCode: string | null;
  isPovertyCounty: boolean;
  childCount: number;
}
export interface RegionRef {
  code: string;
  name: string;
  level: number;
}

function view(r: q.RegionRow, childCount: number, lang: Lang): RegionView {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    levelLabel: levelLabel(r.level, lang),
    parentCode: r.parent_code,
    isPovertyCounty: r.is_poverty_county,
    childCount,
  };
}

/** Loads one province from the division data; idempotent. Returns the count per level. */
export async function importProvince(tx: Tx, provinceCode: string, onProgress?: (n: number) => void) {
  const counts: Record<number, number> = {};
  let batch: q.RegionRow[] = [];
  const source = sourceVersion();
  let total = 0;
  for await (const r of readProvince(provinceCode)) {
    batch.push({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode, is_poverty_county: false });
    counts[r.level] = (counts[r.level] ?? 0) + 1;
    if (batch.length === 1000) {
      await q.upsertRegions(tx, batch, source);
      total += batch.length;
      onProgress?.(total);
      batch = [];
    }
  }
  if (!counts[1]) throw new AppError('UNKNOWN_PROVINCE', 400, { code: provinceCode });
  await q.upsertRegions(tx, batch, source);
  await q.setPovertyCounties(
    tx,
    provinceCode,
    povertyCounties(provinceCode).map((c) => c.code),
  );
  return { province: counts[1] ?? 0, city: counts[2] ?? 0, county: counts[3] ?? 0, township: counts[4] ?? 0, village: counts[5] ?? 0 };
}

export async function isLoaded(tx: Tx): Promise<boolean> {
  return (await q.regionCount(tx, '')) > 0;
}

/** The path from the scope root down to `code`, inclusive. */
export async function pathWithin(tx: Tx, scopeCode: string, code: string): Promise<RegionRef[]> {
  const codes = ancestorCodes(code).filter((c) => c.length >= scopeCode.length);
  const rows = await q.findRegions(tx, codes);
  return rows.sort((a, b) => a.code.length - b.code.length).map((r) => ({ code: r.code, name: r.name, level: r.level }));
}

export async function getRegion(tx: Tx, scopeCode: string, code: string, lang: Lang) {
  if (!isWithin(code, scopeCode)) throw notFound();
  const r = await q.findRegion(tx, code);
  if (!r) throw notFound();
  return { ...view(r, await q.childCount(tx, code), lang), path: await pathWithin(tx, scopeCode, code) };
}

export async function children(tx: Tx, code: string, lang: Lang) {
  const rows = await q.childrenWithCounts(tx, code);
  return rows.map((r) => view(r, Number(r.child_count ?? 0), lang));
}

export async function search(tx: Tx, scopeCode: string, text: string, limit: number, lang: Lang) {
  const rows = await q.searchRegions(tx, scopeCode, text.trim(), limit);
  return Promise.all(rows.map(async (r) => ({ ...view(r, 0, lang), path: await pathWithin(tx, scopeCode, r.code) })));
}

export async function summary(tx: Tx, scopeCode: string, code: string, lang: Lang) {
  const region = await getRegion(tx, scopeCode, code, lang);
  const byLevel = await q.countByLevel(tx, code);
  return {
    region,
    counts: { city: byLevel[2] ?? 0, county: byLevel[3] ?? 0, township: byLevel[4] ?? 0, village: byLevel[5] ?? 0 },
    povertyCounties: await q.povertyCountiesWithin(tx, code),
  };
}

/** Locator for the access mechanism: a region "belongs" to itself. */
export async function locateRegion(tx: Tx, code: string): Promise<string | null> {
  if (!/^\d{2,12}$/.test(code)) return null;
  return (await q.findRegion(tx, code))?.code ?? null;
}
