import type { z } from 'zod';
import type { Db } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { AppError } from '../../../server/errors.ts';
import { type Lang, pickLabel } from '../../../server/i18n.ts';
import * as audit from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { assertTownshipOrAbove } from '../ledger/service.ts';
import * as q from './bars.queries.ts';
import { personByIdNumber } from './person.ts';
import type { BarsInput, NominationInput } from './schema.ts';

type Actor = audit.Actor & { scope: string };

/** 不得提名的情形: the ten common conditions a province starts with (it may edit, add and retire them). */
export const DEFAULT_BARS: readonly q.BarRow[] = [
  ['criminal', '受过刑事处罚的', 'Has received a criminal penalty'],
  ['village_bully', '存在“村霸”和涉黑涉恶问题的', 'Is a "village bully" or involved in organised crime'],
  ['under_investigation', '涉嫌违纪违法正在接受调查的', 'Is under investigation for a violation of discipline or law'],
  ['party_discipline', '受到党纪处分尚未超过影响期的', 'Is within the period of effect of a party disciplinary sanction'],
  ['defies_party', '拒不执行上级党组织决定的', "Refuses to carry out the higher party organisation's decisions"],
  ['incites', '煽动群众参与非法活动的', 'Incites the public to take part in illegal activities'],
  ['illegal_land', '有严重违法用地、违章建房行为的', 'Has seriously illegal land use or building'],
  ['long_absent', '长期外出不能正常履职的', 'Is away for long periods and cannot do the work'],
  ['cult', '参与邪教组织的', 'Takes part in a cult'],
  ['bad_credit', '近三年有不良信用记录的', 'Has a bad credit record within the last three years'],
].map(([code, zh, en], i) => ({ code: code as string, ordinal: i + 1, label_zh: zh as string, label_en: en as string, active: true }));

const provinceOf = (region: string) => region.slice(0, 2);

/** The province's list (every condition, retired ones too, for the editor); seeded on first read. */
export async function barList(db: Db, region: string, lang: Lang) {
  const province = provinceOf(region);
  const rows = await db.transaction().execute(async (tx) => {
    await q.ensureBars(tx, province, DEFAULT_BARS);
    return q.barsOf(tx, province);
  });
  return {
    provinceCode: province,
    items: rows.map((r) => ({
      code: r.code,
      label: pickLabel({ zh: r.label_zh, en: r.label_en }, lang),
      zh: r.label_zh,
      en: r.label_en,
      active: r.active,
    })),
  };
}

/** The province edits its list (province users only); a code left out is retired, never deleted. */
export async function saveBarList(db: Db, actor: Actor, input: z.infer<typeof BarsInput>) {
  if (actor.scope.length !== 2 || actor.scope !== input.provinceCode) throw new AppError('PARTY_BARS_PROVINCE', 403);
  const codes = input.items.map((i) => i.code);
  if (new Set(codes).size !== codes.length) throw new AppError('PARTY_BARS_DUPLICATE', 400, {}, [{ path: 'items', code: 'duplicate' }]);
  return db.transaction().execute(async (tx) => {
    await q.ensureBars(tx, input.provinceCode, DEFAULT_BARS);
    const before = await q.barsOf(tx, input.provinceCode);
    const rows = input.items.map((i, n) => ({ code: i.code, ordinal: n + 1, label_zh: i.zh, label_en: i.en, active: i.active ?? true }));
    await q.saveBars(tx, input.provinceCode, rows);
    await audit.record(tx, actor, {
      scopeCode: input.provinceCode,
      entity: 'party_nomination_bar',
      entityId: input.provinceCode,
      action: 'update',
      before: { items: before.filter((b) => b.active).map((b) => b.label_zh) },
      after: { items: rows.filter((b) => b.active).map((b) => b.label_zh) },
    });
    return { count: rows.filter((r) => r.active).length };
  });
}

/**
 * Checks every active condition of the province for a candidate: `hits` names the conditions that apply. The check is
 * recorded either way; a hit refuses the nomination (409 PARTY_NOMINATION_BARRED naming the conditions).
 */
export async function nominate(db: Db, keys: PiiKeys, actor: Actor, input: z.infer<typeof NominationInput>) {
  assertTownshipOrAbove(actor);
  const county = input.villageCode.slice(0, 6);
  const result = await db.transaction().execute(async (tx) => {
    await q.ensureBars(tx, provinceOf(county), DEFAULT_BARS);
    const bars = (await q.barsOf(tx, provinceOf(county))).filter((b) => b.active);
    const unknown = input.hits.filter((h) => !bars.some((b) => b.code === h));
    if (unknown.length) throw new AppError('PARTY_BAR_UNKNOWN', 400, { codes: unknown.join(', ') }, [{ path: 'hits', code: 'unknown' }]);
    const personId = await personByIdNumber(tx, keys, county, input.name, input.idNumber);
    const checks = bars.map((b) => ({ code: b.code, zh: b.label_zh, en: b.label_en, hit: input.hits.includes(b.code) }));
    const hits = checks.filter((c) => c.hit);
    const id = await q.insertNomination(tx, {
      county,
      village: input.villageCode,
      personId,
      on: thisDay(),
      checks,
      nominated: hits.length === 0,
      note: input.note?.trim() || null,
      by: actor.username,
    });
    await audit.record(tx, actor, {
      scopeCode: input.villageCode,
      entity: 'party_nomination',
      entityId: id,
      action: hits.length ? 'refuse' : 'nominate',
      after: { name: input.name, hits: hits.map((h) => h.zh) },
    });
    return { id, hits };
  });
  if (result.hits.length)
    throw new AppError(
      'PARTY_NOMINATION_BARRED',
      409,
      { reasons: result.hits.map((h) => h.zh).join('；'), reasonsEn: result.hits.map((h) => h.en).join('; ') },
      result.hits.map((h) => ({ path: 'hits', code: h.code })),
    );
  return { id: result.id, nominated: true };
}

export async function nominations(db: Db, village: string, lang: Lang) {
  const rows = await q.nominationsOfVillage(db, village.slice(0, 6), village);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      idMasked: r.id_masked,
      checkedOn: r.checked_on,
      nominated: r.nominated,
      reasons: r.checks.filter((c) => c.hit).map((c) => pickLabel(c, lang)),
      checked: r.checks.length,
      note: r.note,
      by: r.created_by,
    })),
  };
}
