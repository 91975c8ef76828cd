import { sql } from 'kysely';
import type { Db } from '../../../db/types.ts';

/**
 * The demo's work logs and household visits (工作日志 / 走访), derived from the demo check-ins so that a log is
 * written on a day its cadre was there: about one present day in seven has a log, and half the logs record a visit
 * to a household of the village (shown on the household's page). Deterministic: every choice is a hash of the
 * posting and the day. The phones are the demo devices, the logins the disabled demo account that owns them.
 */
const LOGS = [
  '入户走访贫困户，核实家庭收入和两不愁三保障情况，更新帮扶台账。',
  '参加村两委会议，研究村集体经济合作社下一步种植计划。',
  '到乡镇参加驻村工作推进会，汇报本月帮扶措施落实情况。',
  '陪同县农业技术人员查看大棚蔬菜长势，组织村民学习病虫害防治。',
  '走访因病致贫户，协助办理大病医疗报销和慢病卡。',
  '组织召开党员大会，开展主题党日活动，讨论村道维修方案。',
  '检查村里危房改造进度，与施工队核对工程量。',
  '对接派出单位，落实扶贫产业项目资金，整理项目申报材料。',
  '走访留守老人和儿童家庭，了解生活情况，协调学生资助申请。',
  '组织劳动力转移就业培训报名，统计外出务工人员信息。',
  '整理扶贫档案，核对建档立卡信息，准备乡镇抽查。',
  '协调电商企业收购村里的小米和杂粮，商定收购价格。',
];
const NOTES = [
  '了解家庭收入情况，讲解产业扶持政策。',
  '查看住房安全情况，房屋无安全隐患。',
  '核实医保缴费和报销情况，已告知慢病卡办理流程。',
  '询问孩子上学情况，符合资助条件，已协助申请。',
  '了解务工意愿，推荐参加镇里的技能培训。',
  '检查饮水安全，自来水已入户。',
];

export async function loadDemoFieldLogs(db: Db, province: string): Promise<{ logs: number; visits: number }> {
  const like = `${province}%`;
  const logs = await sql<{ n: number }>`
    WITH ins AS (INSERT INTO cadre_work_log (county_code, posting_id, client_id, device_id, log_date, body, signature, received_at)
    SELECT d.county_code, d.posting_id, md5('demo-log:' || d.county_code || ':' || d.posting_id || ':' || d.day)::uuid, d.device_id, d.day,
           (${LOGS}::text[])[1 + abs(hashtext('body' || d.posting_id || d.day)) % ${LOGS.length}], 'demo',
           (d.day + time '21:10') AT TIME ZONE 'Asia/Shanghai'
    FROM (SELECT DISTINCT ON (c.county_code, c.posting_id, (c.device_time AT TIME ZONE 'Asia/Shanghai')::date)
                 c.county_code, c.posting_id, c.device_id, (c.device_time AT TIME ZONE 'Asia/Shanghai')::date AS day
          FROM cadre_checkin c WHERE c.county_code LIKE ${like} AND c.device_id IS NOT NULL
          ORDER BY c.county_code, c.posting_id, (c.device_time AT TIME ZONE 'Asia/Shanghai')::date, c.device_time) d
    WHERE abs(hashtext('log' || d.county_code || d.posting_id || d.day)) % 7 = 0
      AND (d.day + time '21:10') AT TIME ZONE 'Asia/Shanghai' < now()
    ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::int AS n FROM ins`.execute(db);
  // The logs were just written: without fresh statistics the planner takes the table for empty and joins every log
  // to a re-sorted household list (at scale 1: 40 minutes instead of seconds).
  await sql`ANALYZE cadre_work_log`.execute(db);
  const visits = await sql<{ n: number }>`
    WITH villages AS (
      SELECT county_code, village_code, array_agg(id ORDER BY id) AS ids
      FROM household WHERE county_code LIKE ${like} AND status IN ('poor', 'returned', 'monitored') GROUP BY county_code, village_code
    ), ins AS (
    INSERT INTO cadre_visit (county_code, posting_id, client_id, household_id, visit_date, note, log_id, created_by, created_at)
    SELECT l.county_code, l.posting_id, md5('demo-visit:' || l.county_code || ':' || l.id)::uuid,
           v.ids[1 + abs(hashtext('who' || l.id)) % cardinality(v.ids)], l.log_date,
           (${NOTES}::text[])[1 + abs(hashtext('note' || l.id)) % ${NOTES.length}], l.id, u.id, l.received_at
    FROM cadre_work_log l
    JOIN cadre_posting p ON p.county_code = l.county_code AND p.id = l.posting_id
    JOIN villages v ON v.county_code = p.county_code AND v.village_code = p.village_code
    JOIN app_user u ON u.username = 'demo_phones'
    WHERE l.county_code LIKE ${like} AND l.signature = 'demo' AND abs(hashtext('visit' || l.id)) % 2 = 0
    ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::int AS n FROM ins`.execute(db);
  return { logs: logs.rows[0]?.n ?? 0, visits: visits.rows[0]?.n ?? 0 };
}
