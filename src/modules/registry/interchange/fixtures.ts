/**
 * Synthetic register rows for tests and benchmarks (deterministic, seeded). Not the demo generator: just
 * realistic enough in shape and size (Chinese text, 18-character ID numbers, numbers, years).
 */
import type { RegisterRow } from './write.ts';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文',
];
const GIVEN = [...'淑秀英华玉兰桂芳凤春海国明建军志红丽伟平文德金福喜庆长永宝贵立新成荣万山林云霞敏静艳燕杰涛波辉强磊洋勇俊峰超刚'];
const COUNTIES = [
  ['朝阳市', '北票市', '211381'],
  ['朝阳市', '建平县', '211322'],
  ['阜新市', '彰武县', '210922'],
  ['铁岭市', '西丰县', '211223'],
  ['锦州市', '义县', '210727'],
] as const;
const TOWNSHIPS = ['台吉镇', '宝国老镇', '东官营镇', '黑城子镇', '五间房镇', '北四家子乡', '长皋乡', '三宝乡'];
const VILLAGES = ['海丰村', '大板村', '三家子村', '前进村', '红旗村', '新立屯村', '双庙村', '小城子村', '东升村', '向阳村'];
const RELATIONS = ['配偶', '之子', '之女', '之孙子', '之孙女', '之儿媳', '之父', '之母'];
const EDUCATION = ['文盲或半文盲', '小学', '初中', '高中', '大专及以上', '学龄前儿童'];
const HEALTH = ['健康', '长期慢性病', '患有大病', '残疾'];
const LABOUR = ['普通劳动力', '技能劳动力', '丧失劳动力', '无劳动力'];
const WORK = ['乡(镇)内务工', '乡(镇)外县内务工', '县外省内务工', '省外务工', ''];
const CATEGORY = ['一般贫困户', '低保贫困户', '特困供养贫困户'];
const CAUSE = ['因病', '因残', '因学', '因灾', '缺土地', '缺技术', '缺劳力', '缺资金', '自身发展动力不足'];
const STATUS = ['未脱贫', '已脱贫', '返贫', '监测'];

/**
 * `count` person rows, households of 1–6 persons. Each ID number is unique (it encodes the row index) and
 * carries a valid check character; IDs, phones and household numbers are strings, years and incomes numbers.
 */
export function* syntheticRows(count: number, seed = 2016): Generator<RegisterRow> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const name = () => pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.7 ? pick(GIVEN) : '');
  let i = 0;
  let household = 0;
  while (i < count) {
    household++;
    const [city, county, code] = pick(COUNTIES);
    const t = Math.floor(rnd() * TOWNSHIPS.length);
    const v = Math.floor(rnd() * VILLAGES.length);
    const villageCode = `${code}${String(100 + t).padStart(3, '0')}${String(200 + v).padStart(3, '0')}`;
    const size = 1 + Math.floor(rnd() * 6);
    const identified = 2014 + Math.floor(rnd() * 4);
    const status = pick(STATUS);
    const shared = {
      city,
      county,
      township: TOWNSHIPS[t],
      village: VILLAGES[v],
      village_code: villageCode,
      household_no: `${code}${String(household).padStart(8, '0')}`,
      category: pick(CATEGORY),
      poverty_cause: pick(CAUSE),
      year_identified: identified,
      planned_exit_year: identified + 1 + Math.floor(rnd() * 3),
      exit_year: status === '已脱贫' ? identified + 2 : null,
      household_status: status,
      income_per_capita: Math.round(2000 + rnd() * 4000 + (rnd() < 0.5 ? 0.5 : 0)),
      helper: name(),
    } satisfies RegisterRow;
    for (let m = 0; m < size && i < count; m++, i++) {
      const year = m === 0 ? 1950 + Math.floor(rnd() * 40) : 1940 + Math.floor(rnd() * 75);
      const month = 1 + Math.floor(rnd() * 12);
      const day = 1 + Math.floor(rnd() * 28);
      const female = rnd() < 0.5;
      const seq = (i % 500) * 2 + (female ? 0 : 1); // gender digit: odd = male
      const first17 = `${code}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq % 1000).padStart(3, '0')}`;
      // Uniqueness across millions of rows: the county code part carries the row index instead.
      const unique = `${String(Math.floor(i / 500) % 1_000_000).padStart(6, '0')}${first17.slice(6)}`;
      const id = unique + idCheckChar(unique);
      // Fields listed one by one: object spread is an order of magnitude slower here.
      yield {
        city: shared.city,
        county: shared.county,
        township: shared.township,
        village: shared.village,
        village_code: shared.village_code,
        household_no: shared.household_no,
        name: name(),
        id_number: id,
        relation: m === 0 ? '户主' : pick(RELATIONS),
        gender: female ? '女' : '男',
        ethnicity: rnd() < 0.85 ? '汉族' : pick(['满族', '蒙古族', '回族', '锡伯族']),
        education: pick(EDUCATION),
        schooling: rnd() < 0.15 ? '在校生' : '',
        health: pick(HEALTH),
        labour_skill: pick(LABOUR),
        work_status: pick(WORK),
        medical_insurance: rnd() < 0.97 ? '是' : '否',
        category: shared.category,
        poverty_cause: shared.poverty_cause,
        year_identified: shared.year_identified,
        planned_exit_year: shared.planned_exit_year,
        exit_year: shared.exit_year,
        household_status: shared.household_status,
        income_per_capita: shared.income_per_capita,
        helper: shared.helper,
        phone: m === 0 ? `13${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}` : '',
      };
    }
  }
}
