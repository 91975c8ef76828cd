import { sql } from 'kysely';
import type { Db } from '../../../db/types.ts';
import { thisDay, thisYear } from '../../../server/clock.ts';
import * as audit from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';

export interface PartyFundsDemoResult {
  payments: number;
  pay: number;
  incomes: number;
  commitments: number;
  reserves: number;
}

/**
 * Demo funds for the demo's villages (poor villages and villages with a party organisation): payments for the last
 * three years, mostly in full and on time, some villages short; village cadres' monthly pay this year with a few late;
 * collective income with a handful of hollow villages; commitments for a third of the members (when the members part
 * has loaded any); two reserve cadres per poor village, with a training each. Deterministic: every choice is a byte of
 * md5 over the village code (or the member id) and a salt, so the same register gives the same figures. Set-based.
 */
export async function loadDemoPartyFunds(
  db: Db,
  _keys: PiiKeys,
  opts: { provinceCode?: string } = {},
): Promise<PartyFundsDemoResult | null> {
  const province = opts.provinceCode ?? '21';
  const like = `${province}%`;
  const any = await sql`SELECT 1 FROM party_fund_payment WHERE county_code LIKE ${like} LIMIT 1`.execute(db);
  if (any.rows.length) return null;
  const year = thisYear();
  const today = thisDay();
  // A byte (0–255) of md5 over a key and a salt: the demo's dice.
  const dice = (key: string, salt: string) => sql`get_byte(decode(md5(${sql.raw(key)} || ${salt}), 'hex'), 0)`;
  return db.transaction().execute(async (tx) => {
    await sql`CREATE TEMP TABLE demo_village ON COMMIT DROP AS
      SELECT county_code, village_code FROM poor_village WHERE village_code LIKE ${like}
      UNION SELECT county_code, region_code FROM party_org WHERE region_code LIKE ${like} AND length(region_code) = 12 AND dissolved_on IS NULL`.execute(
      tx,
    );

    // Payments: operation in two halves (March, September), party building once (June); ~8 % of villages short.
    const payments = await sql`
      INSERT INTO party_fund_payment (county_code, village_code, paid_on, amount_fen, purpose, source)
      SELECT v.county_code, v.village_code, make_date(y, p.m, 15), p.amount, p.purpose, p.source
      FROM demo_village v
      CROSS JOIN generate_series(${year - 2}::int, ${year}::int) y
      CROSS JOIN (VALUES (3, 5600000::bigint, 'operation', '县财政'), (9, 5600000::bigint, 'operation', '县财政'),
                         (6, 2000000::bigint, 'party_building', '县委组织部')) p(m, amount, purpose, source)
      WHERE make_date(y, p.m, 15) <= ${today}::date
        AND NOT (p.m = 9 AND ${dice('v.village_code', 'op')} < 16)
        AND NOT (p.purpose = 'party_building' AND ${dice('v.village_code || y', 'pb')} < 8)`.execute(tx);

    // Collective income for last year and this: ~4 % hollow (no row this year, or zero).
    const incomes = await sql`
      INSERT INTO party_collective_income (county_code, village_code, year, amount_fen, sources)
      SELECT v.county_code, v.village_code, y,
             CASE WHEN ${dice('v.village_code', 'hz')} < 5 THEN 0 ELSE (30000 + 800 * ${dice('v.village_code || y', 'amt')})::bigint * 100 END,
             (ARRAY['光伏发电收益', '土地流转', '村集体资产租赁', '合作社分红', '乡村旅游'])[1 + ${dice('v.village_code', 'src')} % 5]
      FROM demo_village v CROSS JOIN (VALUES (${year - 1}::int), (${year}::int)) t(y)
      WHERE NOT (y = ${year} AND ${dice('v.village_code', 'hn')} < 5)`.execute(tx);

    // The village cadre on the payroll: the current secretary, or else the first household head of the village.
    await sql`CREATE TEMP TABLE demo_cadre ON COMMIT DROP AS
      SELECT DISTINCT ON (v.village_code) v.county_code, v.village_code, coalesce(st.person_id, h.head_person_id) AS person_id
      FROM demo_village v
      LEFT JOIN party_org o ON o.county_code = v.county_code AND o.region_code = v.village_code AND o.dissolved_on IS NULL
      LEFT JOIN party_secretary_term st ON st.county_code = o.county_code AND st.org_id = o.id AND st.end_date IS NULL
      LEFT JOIN household h ON h.county_code = v.county_code AND h.village_code = v.village_code AND h.head_person_id IS NOT NULL
      WHERE coalesce(st.person_id, h.head_person_id) IS NOT NULL
      ORDER BY v.village_code, h.id`.execute(tx);
    // Monthly pay due on the 10th; ~5 % of records paid 12 days late, and last month's unpaid in ~3 % of villages.
    const pay = await sql`
      INSERT INTO party_cadre_pay (county_code, village_code, person_id, post, month, amount_due_fen, due_on, paid_on)
      SELECT c.county_code, c.village_code, c.person_id, '村党组织书记', m::date, 300000, m::date + 9,
             CASE WHEN m::date = date_trunc('month', ${today}::date - interval '1 month')::date AND ${dice('c.village_code', 'unpaid')} < 8 THEN NULL
                  WHEN ${dice('c.village_code || m::text', 'late')} < 13 THEN least(m::date + 21, ${today}::date)
                  ELSE m::date + 7 END
      FROM demo_cadre c CROSS JOIN generate_series(make_date(${year}::int, 1, 1), ${today}::date - interval '1 month', interval '1 month') m`.execute(
      tx,
    );

    // Commitments for a third of the members of village organisations: 60 % fulfilled and confirmed, 20 % reported, 20 % pending.
    const commitments = await sql`
      INSERT INTO party_commitment (county_code, member_id, region_code, year, content, status, evidence, review, reviewed_on)
      SELECT m.county_code, m.id, o.region_code, ${year},
             (ARRAY['带头发展庭院经济，增收 3000 元以上', '结对帮扶 1 户贫困户，每月走访不少于 2 次', '带领群众参加技能培训',
                    '参与村内环境整治，每季度义务劳动 4 次', '宣传惠农政策，帮助 5 户办理医保报销'])[1 + ${dice('m.id::text', 'c')} % 5],
             CASE WHEN ${dice('m.id::text', 's')} < 205 THEN 'fulfilled' ELSE 'pending' END,
             CASE WHEN ${dice('m.id::text', 's')} < 205 THEN '村党支部核实，有走访记录和照片' END,
             CASE WHEN ${dice('m.id::text', 's')} < 154 THEN 'confirmed' END,
             CASE WHEN ${dice('m.id::text', 's')} < 154 THEN ${today}::date END
      FROM party_member m JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
      WHERE m.county_code LIKE ${like} AND m.left_on IS NULL AND length(o.region_code) = 12 AND m.id % 3 = 0`.execute(tx);

    // Two reserve cadres per poor village: adults born 1980–1998 of its households, each with one training.
    const reserves = await sql`
      INSERT INTO party_reserve_cadre (county_code, village_code, person_id, since, source, education)
      SELECT county_code, village_code, person_id, make_date(${year - 1}::int, 3, 1),
             (ARRAY['致富能手', '返乡青年', '退役军人', '大学毕业生'])[1 + n % 4], (ARRAY['高中', '大专', '本科', '初中'])[1 + n % 4]
      FROM (
        SELECT pv.county_code, pv.village_code, p.id AS person_id,
               row_number() OVER (PARTITION BY pv.village_code ORDER BY p.id) AS n
        FROM poor_village pv
        JOIN household h ON h.county_code = pv.county_code AND h.village_code = pv.village_code
        JOIN household_member hm ON hm.county_code = h.county_code AND hm.household_id = h.id
        JOIN person p ON p.county_code = hm.county_code AND p.id = hm.person_id
        WHERE pv.village_code LIKE ${like} AND p.birth_date BETWEEN '1980-01-01' AND '1998-12-31'
      ) x WHERE n <= 2
      ON CONFLICT DO NOTHING`.execute(tx);
    await sql`
      INSERT INTO party_reserve_training (county_code, reserve_id, trained_on, course, hours, organiser)
      SELECT county_code, id, since + 90, '村级后备干部能力提升培训班', 16, '县委组织部'
      FROM party_reserve_cadre WHERE county_code LIKE ${like}`.execute(tx);

    const n = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0);
    const result = { payments: n(payments), pay: n(pay), incomes: n(incomes), commitments: n(commitments), reserves: n(reserves) };
    await audit.record(tx, audit.SYSTEM_ACTOR, {
      scopeCode: province,
      entity: 'party_fund_payment',
      entityId: province,
      action: 'demo_load',
      after: result,
    });
    return result;
  });
}

export const describePartyFundsDemo = (r: PartyFundsDemoResult) =>
  `demo party funds: ${r.payments} payments, ${r.pay} pay records, ${r.incomes} incomes, ${r.commitments} commitments, ${r.reserves} reserve cadres`;
