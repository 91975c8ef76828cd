import type { Db } from '../../../db/types.ts';
import type { SheetValues } from '../../registry/interchange/write.ts';
import type { FundColumnId } from './columns.ts';
import { PURPOSE_EXPORT } from './columns.ts';
import { exportRows } from './import/queries.ts';
import { fenToYuan } from './money.ts';

/** The payments of a region and year in the import's columns: exporting and importing again changes nothing. */
export async function fundsExportRows(db: Db, region: string, year: number): Promise<SheetValues<FundColumnId>[]> {
  const rows = await exportRows(db, region, year);
  return rows.map((r) => ({
    village_code: r.village_code,
    village: r.village,
    township: r.township,
    paid_on: r.paid_on,
    amount: fenToYuan(Number(r.amount_fen)),
    purpose: PURPOSE_EXPORT[r.purpose as keyof typeof PURPOSE_EXPORT] ?? r.purpose,
    source: r.source,
    note: r.note,
  }));
}

export function fundsExportName(regionName: string, year: number, lang: 'zh-CN' | 'en', format: 'xlsx' | 'csv') {
  const title = lang === 'en' ? `${regionName} village funds paid in ${year}` : `${regionName}${year}年村级经费拨付表`;
  return { title, filename: `${title}.${format}` };
}
