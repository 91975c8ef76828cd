import { computeMonth, monthRange } from '../modules/cadres/attendance/compute.ts';
import { FLAG_LABELS, listAttendance } from '../modules/cadres/attendance/service.ts';
import { flagsOfRegion } from '../modules/cadres/attendance/view.queries.ts';
import { findRegion } from '../modules/regions/queries.ts';
import { DEFAULT_PROVINCE } from '../server/bootstrap.ts';
import { withDatabase } from './context.ts';

/**
 * `fupin attendance --month YYYY-MM [--scope CODE] [--json]`: computes the month for the scope (unless --no-compute)
 * and lists per cadre the village, name, masked ID, days in village, nights and the month's flags with reason and
 * evidence; absence candidates as a list of days.
 */
export async function attendanceCommand(opts: { month: string; scope?: string; json?: boolean; compute?: boolean }) {
  const scope = opts.scope ?? DEFAULT_PROVINCE;
  await withDatabase(async ({ db }) => {
    if (!(await findRegion(db, scope))) throw new Error(`区划代码 ${scope} 不存在 / no region has the code ${scope}`);
    const range = monthRange(opts.month);
    const computed = opts.compute === false ? null : await computeMonth(db, scope, opts.month);
    const flags = await flagsOfRegion(db, scope, range.first);
    const byPosting = new Map<string, typeof flags>();
    for (const f of flags) byPosting.set(f.posting_id, [...(byPosting.get(f.posting_id) ?? []), f]);
    const cadres = [];
    let cursor: string | undefined;
    do {
      const page = await listAttendance(db, scope, { month: opts.month, limit: 200, cursor });
      for (const a of page.items) {
        const own = byPosting.get(String(a.postingId)) ?? [];
        cadres.push({
          postingId: a.postingId,
          villageCode: a.villageCode,
          villageName: a.villageName,
          name: a.name,
          idMasked: a.idMasked,
          daysInVillage: a.daysInVillage,
          nights: a.nights,
          officialDays: a.officialDays,
          requiredDays: a.requiredDays,
          compliant: a.compliant,
          flags: own
            .filter((f) => f.code !== 'absence_candidate')
            .map((f) => ({
              id: Number(f.id),
              code: f.code,
              state: f.state,
              reason: { zh: f.reason_zh, en: f.reason_en },
              evidence: f.evidence,
            })),
          absenceCandidates: own.filter((f) => f.code === 'absence_candidate' && f.state === 'open').map((f) => f.subject),
        });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ month: opts.month, scope, computed, cadres }, null, 2)}\n`);
      return;
    }
    if (computed)
      console.log(
        `computed ${opts.month} for ${scope}: ${computed.postings} postings, ${computed.checkins} check-ins, ${computed.flags} flags in ${computed.ms} ms`,
      );
    for (const c of cadres) {
      const labels = c.flags.map((f) => FLAG_LABELS[f.code as keyof typeof FLAG_LABELS]?.zh ?? f.code).join('、');
      console.log(
        [
          c.villageCode,
          c.villageName,
          c.name,
          c.idMasked,
          `在村 ${c.daysInVillage}/${c.requiredDays} 天`,
          `夜 ${c.nights}`,
          c.compliant ? '达标' : '未达标',
          labels,
        ]
          .filter(Boolean)
          .join('  '),
      );
    }
    const compliant = cadres.filter((c) => c.compliant).length;
    console.log(
      `${cadres.length} cadres, ${compliant} compliant, ${cadres.filter((c) => c.flags.some((f) => f.state === 'open')).length} with open flags`,
    );
  });
}
