import type { Db } from '../../../db/types.ts';
import { thisYear } from '../../../server/clock.ts';
import { notFound } from '../../../server/errors.ts';
import type { Lang } from '../../../server/i18n.ts';
import { publicDisclosures } from '../../party/decisions/public-data.ts';
import { getSetting } from '../../settings.ts';
import { publicName } from '../households/eligibility.ts';
import { monitoringNoticeSection } from '../monitoring/board-section.ts';
import { cachedBoard } from './cache.ts';
import * as q from './queries.ts';
import { PublicBoard } from './schema.ts';

/** 1: public notices show names in full; 0 (the default): 王*明. A province (or county) setting. */
export const PUBLIC_FULL_NAMES = 'exit.public_full_names';
/** Counts below this are not shown as a number on the board (they would point at a family). */
export const SMALL_COUNT = 3;

export interface BoardItem {
  key: string;
  heading: string;
  fields: { label: string; value: string }[];
}
export interface BoardSection {
  id: string;
  title: string;
  note: string | null;
  empty: string;
  items: BoardItem[];
  /** Entries a public objection may name (the notice's households), id and the heading shown. */
  objectable?: { id: number; label: string }[];
}
/** A part of the village's public board: what a paper notice on the board would show, nothing more. */
export interface BoardSectionProvider {
  id: string;
  load(db: Db, village: string, lang: Lang): Promise<BoardSection | null>;
}

const tx2 = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);

/** A count as the board shows it: below SMALL_COUNT (but not zero) only "fewer than 3". */
export function boardCount(n: number, lang: Lang) {
  if (n === 0 || n >= SMALL_COUNT) return String(n);
  return tx2(lang, `少于 ${SMALL_COUNT}`, `fewer than ${SMALL_COUNT}`);
}

/** 拟退出贫困户公示: the households in notice now with the notice's days; names as the province's setting says. */
export const exitNoticeSection: BoardSectionProvider = {
  id: 'exit-notice',
  async load(db, village, lang) {
    const full = Number(await getSetting(db, PUBLIC_FULL_NAMES, 0, { scopeCode: village })) === 1;
    const rows = await q.inNotice(db, village);
    const year = thisYear();
    const announced = await q.announcedCount(db, village, year);
    const items = rows.map((r) => {
      const name = publicName(r.head_name ?? '', full) || tx2(lang, '（户主）', '(head)');
      return {
        key: String(r.id),
        heading: name,
        fields: [
          { label: tx2(lang, '家庭人口', 'Persons'), value: String(r.member_count) },
          { label: tx2(lang, '拟退出年度', 'Exit year'), value: String(r.year) },
          { label: tx2(lang, '公示期', 'Notice'), value: `${r.notice_from} ~ ${r.notice_until}` },
        ],
      };
    });
    return {
      id: 'exit-notice',
      title: tx2(lang, '贫困户退出公示', 'Households proposed for exit: public notice'),
      note: tx2(
        lang,
        `公示期内如有异议，请用本页下方的表单反映，或向村委会、乡镇反映。本年度已公告退出：${boardCount(announced, lang)} 户。`,
        `Objections during the notice: use the form below, or tell the village committee or the township. Announced this year: ${boardCount(announced, lang)} households.`,
      ),
      empty: tx2(lang, '目前没有正在公示的退出户。', 'No household is in exit notice now.'),
      items,
      objectable: rows.map((r, i) => ({ id: Number(r.id), label: items[i]?.heading ?? '' })),
    };
  },
};

/**
 * The sections of the board, in order: a module adds its provider here.
 */
export const BOARD_SECTIONS: BoardSectionProvider[] = [exitNoticeSection, monitoringNoticeSection];

/**
 * The village's whole public board: heading, the sections, the disclosed decisions. 404 for anything but a village.
 * Kept in memory until anything it shows is written (cache.ts).
 */
export async function villageBoard(db: Db, code: string, lang: Lang) {
  if (!/^\d{12}$/.test(code)) throw notFound();
  return cachedBoard(db, `board|${code}|${lang}`, () => buildVillageBoard(db, code, lang));
}

/**
 * The board as the API sends it: JSON text checked against the route's schema once, when built, and kept with the
 * board (the route's serializer would validate and serialise the whole board again for every visitor).
 */
export async function villageBoardJson(db: Db, code: string, lang: Lang): Promise<string> {
  if (!/^\d{12}$/.test(code)) throw notFound();
  return cachedBoard(db, `json|${code}|${lang}`, async () => JSON.stringify(PublicBoard.parse(await villageBoard(db, code, lang))));
}

async function buildVillageBoard(db: Db, code: string, lang: Lang) {
  const [disclosures, ...loaded] = await Promise.all([
    publicDisclosures(db, code, lang),
    ...BOARD_SECTIONS.map((p) => p.load(db, code, lang)),
  ]);
  const sections = loaded.filter((s): s is BoardSection => s !== null);
  return { village: disclosures.village, sections, decisions: disclosures.decisions };
}

export type VillageBoard = Awaited<ReturnType<typeof villageBoard>>;
