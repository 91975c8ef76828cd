import type { Db } from '../../db/types.ts';
import type { Lang } from '../../server/i18n.ts';
import { decrypt, type PiiKeys } from '../pii/crypto.ts';
import type { SheetValues } from '../registry/interchange/write.ts';
import { exportPage } from './export.queries.ts';
import { type PostingColumnId, ROLE_EXPORT, UNIT_LEVEL_EXPORT } from './interchange.ts';
import { POSTING } from './procedures.ts';
import type { PostingFilter } from './queries.ts';
import { ROLE_LABELS } from './service.ts';

/** Postings per statement: on PGlite other requests wait while a page is read. */
const PAGE = 500;

const date = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * The postings of a filter in the interchange format (POSTINGS), one row per posting, (county, id) order, a page per
 * statement so that memory stays flat at any scope. ID numbers and phones are masked unless `unmask` (the caller
 * checked the permission and audited it). The end date is the planned end of the term. A file exported unmasked
 * imports again as "unchanged", and one exported masked too (a masked ID number names the posting of its village,
 * start and name on file; a masked phone keeps the phone on file).
 */
export async function* exportPostingRows(db: Db, keys: PiiKeys, filter: PostingFilter, unmask: boolean) {
  let after = { county: '', id: 0 };
  for (;;) {
    const rows = await exportPage(db, filter, after, PAGE);
    const last = rows.at(-1);
    if (!last) return;
    after = { county: last.county_code, id: Number(last.id) };
    for (const r of rows) {
      const row: SheetValues<PostingColumnId> = {
        name: r.name,
        id_number: unmask ? decrypt(keys, r.id_cipher) : r.id_masked,
        gender: r.gender === 'M' ? '男' : '女',
        unit: r.unit_name,
        unit_level: UNIT_LEVEL_EXPORT[r.unit_level],
        post: r.post,
        party_member: r.party_member ? '是' : '否',
        phone: r.phone_cipher ? (unmask ? decrypt(keys, r.phone_cipher) : r.phone_masked) : null,
        city: r.city,
        county: r.county,
        township: r.township,
        village: r.village,
        village_code: r.village_code,
        role: ROLE_EXPORT[r.role],
        start_date: date(r.start_date),
        end_date: date(r.end_date),
      };
      yield row;
    }
  }
}

/** The filter of an export, in words: 在岗, 第一书记, 搜索“王”. */
export function postingFilterWords(f: { state?: string; role?: string; q?: string }, lang: Lang): string[] {
  const en = lang === 'en';
  const parts: string[] = [];
  const state = f.state ? POSTING.states[f.state]?.label : undefined;
  if (state) parts.push(en ? state.en : state.zh);
  const role = f.role ? ROLE_LABELS[f.role as keyof typeof ROLE_LABELS] : undefined;
  if (role) parts.push(en ? role.en : role.zh);
  if (f.q) parts.push(en ? `search "${f.q}"` : `搜索“${f.q}”`);
  return parts;
}

const unsafe = (s: string) => s.replace(/[\\/:*?"<>|]+/g, '_').trim();

/**
 * The download's file name and its title row (as the register's export-name.ts): the region, what the filter keeps
 * and the day, so that a file found later on a desk says what it holds. 北票市-驻村干部-在岗-2026-12-01.xlsx.
 */
export function postingsExportNaming(o: {
  scopeName: string;
  filter: { state?: string; role?: string; q?: string };
  date: string;
  format: string;
  lang: Lang;
}) {
  const en = o.lang === 'en';
  const words = postingFilterWords(o.filter, o.lang);
  const name = unsafe([o.scopeName, en ? 'village postings' : '驻村干部', ...words, o.date].join('-'));
  const scope = words.length ? (en ? ` (${words.join(', ')})` : `（${words.join('，')}）`) : en ? ' (all)' : '（全部）';
  const title = en
    ? `${o.scopeName} resident cadres in villages${scope}, exported ${o.date}`
    : `${o.scopeName}驻村干部花名册${scope}　导出日期 ${o.date}`;
  return { filename: `${name}.${o.format}`, title };
}
