import { type Random, Weighted } from './random.ts';

/**
 * Chinese names for the demo register.
 *
 * Surnames: the ~100 most common, weighted by approximate share of the population (per mille), from the published
 * national rankings (Ministry of Public Security, 2019–2020) leaning towards the north-east: surnames of the south
 * (黄 林 何 罗 梁 谢 曾 邓 …) are scaled down, those frequent in Liaoning (于 孙 姜 高 崔 关 …) up. Approximate on
 * purpose: the demo should look like a Liaoning register, not reproduce a statistic.
 *
 * Given names: one or two characters from gender-typed pools of common characters, by birth cohort (names of
 * people born in the 1940s differ from those born in the 2000s).
 */

// biome-ignore format: a table
const SURNAMES: [string, number][] = [
  ['王', 80], ['李', 76], ['张', 72], ['刘', 62], ['赵', 32], ['杨', 30], ['孙', 24], ['陈', 24], ['于', 20], ['高', 18],
  ['马', 16], ['徐', 14], ['郭', 14], ['姜', 13], ['吴', 13], ['周', 13], ['韩', 12], ['宋', 12], ['白', 10], ['崔', 10],
  ['朱', 10], ['胡', 9], ['田', 9], ['董', 9], ['孟', 8], ['曹', 8], ['冯', 8], ['许', 8], ['金', 8], ['付', 7],
  ['郑', 7], ['何', 6], ['林', 6], ['谷', 5], ['贾', 7], ['邢', 5], ['杜', 7], ['吕', 6], ['丁', 6], ['任', 6],
  ['姚', 5], ['沈', 4], ['薛', 5], ['魏', 7], ['程', 5], ['曲', 5], ['闫', 6], ['梁', 5], ['谢', 4], ['唐', 5],
  ['石', 6], ['袁', 4], ['潘', 4], ['范', 5], ['邵', 4], ['侯', 6], ['秦', 4], ['尹', 4], ['常', 5], ['史', 4],
  ['苏', 4], ['卢', 4], ['武', 4], ['牛', 4], ['关', 5], ['佟', 3], ['鲁', 3], ['毕', 3], ['郝', 4], ['陶', 3],
  ['邱', 3], ['隋', 3], ['代', 3], ['齐', 4], ['葛', 3], ['夏', 3], ['方', 3], ['包', 3], ['庞', 3], ['蔡', 3],
  ['罗', 3], ['叶', 2], ['钟', 2], ['邓', 2], ['蒋', 3], ['彭', 2], ['曾', 1], ['肖', 3], ['汪', 2], ['康', 3],
  ['黄', 5], ['谭', 2], ['廖', 1], ['江', 2], ['戴', 2], ['贺', 2], ['顾', 2], ['雷', 2], ['段', 3], ['安', 3],
  ['鲍', 2], ['那', 2], ['富', 1], ['韦', 1],
];

/** Surnames frequent among Manchu (满族) and Mongol (蒙古族) families of Liaoning; drawn for part of those households. */
const MANCHU_SURNAMES = ['关', '佟', '那', '富', '赫', '金', '傅', '常', '索', '洪', '瓜', '鄂', '吴', '赵'];
const MONGOL_SURNAMES = ['包', '白', '鲍', '韩', '吴', '于', '陈', '邰', '乌', '宝', '何', '孟', '特', '敖'];

const surnameDist = new Weighted(SURNAMES);

/** A surname by frequency; for ethnicity 11 (满族) or 02 (蒙古族) partly from that group's own surnames. */
export function drawSurname(rng: Random, ethnicity = '01'): string {
  if (ethnicity === '11' && rng.chance(0.3)) return rng.pick(MANCHU_SURNAMES);
  if (ethnicity === '02' && rng.chance(0.35)) return rng.pick(MONGOL_SURNAMES);
  return surnameDist.draw(rng);
}

const chars = (s: string) => [...s];

/** Given-name characters by gender and birth cohort: before 1965, 1965–1989, 1990 on. */
const POOLS = {
  M: [
    chars('福德贵山忠财发明志国文树春永长宝玉金成生广华林庆海清振兴义军学祥富有殿荣恩喜才仁万'),
    chars('伟强军刚勇杰涛斌辉磊鹏超峰波林华建国志海东文平明亮健俊飞春成龙忠新立宏宇庆岩松'),
    chars('浩宇轩博子涵俊凯鑫磊晨阳天昊泽睿明杰航铭哲嘉豪烁宸旭然硕一佳'),
  ],
  F: [
    chars('桂淑凤秀玉兰英珍荣芝琴霞素云春梅翠香芳华洁贤娥凤菊莲彩金银丽秋'),
    chars('丽芳娟敏静秀英华玲红霞艳梅兰琳燕萍洁雪婷丹淑颖莉慧晶冬欣杰宏'),
    chars('欣怡佳琪雨萱涵梓诗梦思雅婷悦语晨馨可心妍一菲琳瑶月彤嘉'),
  ],
} as const;

/** A given name of one or two characters (two is more common, most of all in the oldest cohort). */
export function drawGivenName(rng: Random, gender: 'M' | 'F', birthYear: number): string {
  const cohort = birthYear < 1965 ? 0 : birthYear < 1990 ? 1 : 2;
  const pool = POOLS[gender][cohort];
  const two = rng.chance(cohort === 0 ? 0.72 : cohort === 1 ? 0.55 : 0.68);
  const first = rng.pick(pool);
  if (!two) return first;
  let second = rng.pick(pool);
  if (second === first && rng.chance(0.7)) second = rng.pick(pool); // reduplicated names (丽丽) exist, but rarely
  return first + second;
}

/** A full name: surname + given name. */
export function drawName(rng: Random, gender: 'M' | 'F', birthYear: number, ethnicity = '01'): string {
  return drawSurname(rng, ethnicity) + drawGivenName(rng, gender, birthYear);
}

export const SURNAME_WEIGHTS: readonly (readonly [string, number])[] = SURNAMES;
