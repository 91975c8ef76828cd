import { drawSurname } from './names.ts';
import { type Random, Weighted } from './random.ts';

/**
 * The members of a demo household (./generate.ts): who lives in it (relations, genders, ages, surnames, ethnic
 * groups) and each person's schooling, health, education, labour and work, drawn by age and cohort.
 */

/** Ethnic mix of the rural poor per county (GB 3304 codes); others: DEFAULT_ETHNICITY. */
export const DEFAULT_ETHNICITY = new Weighted<string>([
  ['01', 86],
  ['11', 10],
  ['02', 2],
  ['03', 1],
  ['10', 0.5],
  ['38', 0.5],
]);
const manchu = (share: number) =>
  new Weighted<string>([
    ['11', share],
    ['01', 99 - share],
    ['02', 0.5],
    ['03', 0.5],
  ]);
const mongol = (share: number) =>
  new Weighted<string>([
    ['01', 95 - share],
    ['02', share],
    ['11', 4],
    ['03', 1],
  ]);
export const COUNTY_ETHNICITY: Record<string, Weighted<string>> = {
  '210323': manchu(75), // 岫岩满族自治县
  '210422': manchu(70), // 新宾满族自治县
  '210423': manchu(50), // 清原满族自治县
  '210521': manchu(55), // 本溪满族自治县
  '210522': manchu(50), // 桓仁满族自治县
  '210624': manchu(55), // 宽甸满族自治县
  '210682': manchu(55), // 凤城市
  '210782': manchu(35), // 北镇市
  '210921': mongol(20), // 阜新蒙古族自治县
  '211324': mongol(19), // 喀喇沁左翼蒙古族自治县
};

export const WORK = new Weighted<string>([
  ['none', 45],
  ['township', 18],
  ['county', 14],
  ['province', 14],
  ['out_of_province', 9],
]);

export interface Skeleton {
  relation: string;
  gender: 'M' | 'F';
  age: number;
  surname: string;
  ethnicity: string;
}

export const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
const other = (g: 'M' | 'F'): 'M' | 'F' => (g === 'M' ? 'F' : 'M');

/** Who lives in a household of `size`: relations, genders, ages, surnames and ethnic groups. */
export function compose(rng: Random, size: number, ethnicity: Weighted<string>): Skeleton[] {
  const headEth = ethnicity.draw(rng);
  const people: Skeleton[] = [];
  const add = (relation: string, gender: 'M' | 'F', age: number, surname: string, eth = headEth) => {
    people.push({ relation, gender, age: clamp(Math.round(age), 0, 99), surname, ethnicity: eth });
  };
  const spouseEth = () => (rng.chance(0.75) ? headEth : ethnicity.draw(rng));
  const kid = (rel: 'child' | 'grandchild', age: number, surname: string) => {
    const g: 'M' | 'F' = rng.chance(0.52) ? 'M' : 'F';
    const relation = rel === 'child' ? (g === 'M' ? 'son' : 'daughter') : g === 'M' ? 'grandson' : 'granddaughter';
    add(relation, g, age, surname);
  };

  if (size === 1) {
    const elderly = rng.chance(0.65);
    const g: 'M' | 'F' = elderly ? (rng.chance(0.55) ? 'F' : 'M') : rng.chance(0.7) ? 'M' : 'F';
    add('head', g, elderly ? rng.int(60, 92) : rng.int(30, 59), drawSurname(rng, headEth));
    return people;
  }

  if (size === 2) {
    const r = rng.float();
    if (r < 0.65) {
      // a couple, mostly elderly
      const elderly = r < 0.5;
      const g: 'M' | 'F' = rng.chance(0.85) ? 'M' : 'F';
      const age = elderly ? rng.int(58, 88) : rng.int(36, 57);
      add('head', g, age, drawSurname(rng, headEth));
      add('spouse', other(g), clamp(age + (g === 'M' ? rng.int(-6, 2) : rng.int(-2, 6)), 20, 96), drawSurname(rng, headEth), spouseEth());
    } else if (r < 0.85) {
      // an elderly parent with an adult child who stayed (often ill or disabled)
      const g: 'M' | 'F' = rng.chance(0.55) ? 'F' : 'M';
      const age = rng.int(62, 90);
      const surname = drawSurname(rng, headEth);
      add('head', g, age, surname);
      const childG: 'M' | 'F' = rng.chance(0.65) ? 'M' : 'F';
      add(
        childG === 'M' ? 'son' : 'daughter',
        childG,
        Math.max(18, age - rng.int(22, 36)),
        g === 'M' ? surname : drawSurname(rng, headEth),
      );
    } else {
      // a single parent with a child
      const g: 'M' | 'F' = rng.chance(0.55) ? 'F' : 'M';
      const age = rng.int(28, 50);
      const surname = drawSurname(rng, headEth);
      add('head', g, age, surname);
      kid('child', rng.int(1, Math.min(17, age - 20)), g === 'M' ? surname : drawSurname(rng, headEth));
    }
    return people;
  }

  if (rng.chance(0.6)) {
    // nuclear family, perhaps with the head's parents
    const g: 'M' | 'F' = rng.chance(0.9) ? 'M' : 'F';
    const age = rng.int(28, 56);
    const headSurname = drawSurname(rng, headEth);
    add('head', g, age, headSurname);
    const hasSpouse = rng.chance(0.9);
    let family = headSurname;
    if (hasSpouse) {
      const s = drawSurname(rng, headEth);
      if (g === 'F') family = s;
      add('spouse', other(g), clamp(age + (g === 'M' ? rng.int(-5, 2) : rng.int(-2, 5)), 20, 96), s, spouseEth());
    } else if (g === 'F') family = drawSurname(rng, headEth);
    let slots = size - people.length;
    let grandparents = slots > 3 ? Math.min(2, slots - 3) : size >= 4 && rng.chance(0.2) ? 1 : 0;
    slots -= grandparents;
    let childAge = age - rng.int(21, 30);
    for (let i = 0; i < slots; i++) {
      kid('child', Math.max(0, childAge), family);
      childAge -= rng.int(1, 5);
    }
    if (grandparents === 2 || (grandparents === 1 && rng.chance(0.35))) {
      add('father', 'M', Math.min(96, age + rng.int(22, 32)), headSurname);
      grandparents--;
    }
    if (grandparents > 0) add('mother', 'F', Math.min(96, age + rng.int(20, 30)), drawSurname(rng, headEth));
    return people;
  }

  // three generations: the head's son, his wife and their children
  const g: 'M' | 'F' = rng.chance(0.88) ? 'M' : 'F';
  const age = rng.int(50, 76);
  const headSurname = drawSurname(rng, headEth);
  add('head', g, age, headSurname);
  let family = headSurname;
  if (rng.chance(0.85)) {
    const s = drawSurname(rng, headEth);
    if (g === 'F') family = s;
    add('spouse', other(g), clamp(age + (g === 'M' ? rng.int(-5, 2) : rng.int(-2, 5)), 20, 96), s, spouseEth());
  } else if (g === 'F') family = drawSurname(rng, headEth);
  const sonAge = Math.max(20, age - rng.int(22, 30));
  add('son', 'M', sonAge, family);
  if (people.length < size)
    add('daughter_in_law', 'F', Math.max(19, sonAge + rng.int(-4, 2)), drawSurname(rng, headEth), ethnicity.draw(rng));
  let gcAge = Math.max(0, sonAge - rng.int(21, 28));
  for (let i = 0; i < 3 && people.length < size; i++) {
    kid('grandchild', gcAge, family);
    gcAge = Math.max(0, gcAge - rng.int(1, 5));
  }
  while (people.length < size) add('daughter', 'F', clamp(sonAge + rng.int(-6, 4), 18, 60), family);
  return people;
}

/** Schooling status at the end of asOfYear, by age. */
export function schoolingFor(rng: Random, age: number): string {
  if (age <= 2) return 'none';
  if (age <= 5) return rng.chance(0.75) ? 'preschool' : 'none';
  if (age <= 11) return rng.chance(0.985) ? 'primary' : 'none';
  if (age <= 14) return rng.chance(0.97) ? (age === 12 ? 'grade7' : age === 13 ? 'grade8' : 'grade9') : 'none';
  if (age <= 17) return rng.chance(0.8) ? 'senior' : 'none';
  if (age <= 21) {
    const r = rng.float();
    return r < 0.16 ? 'higher_vocational' : r < 0.28 ? 'undergraduate' : 'none';
  }
  return 'none';
}

export const HEALTH_OLD = new Weighted<string>([
  ['healthy', 50],
  ['chronic', 33],
  ['serious', 7],
  ['disabled', 10],
]);
export const HEALTH_ADULT = new Weighted<string>([
  ['healthy', 72],
  ['chronic', 14],
  ['serious', 5],
  ['disabled', 9],
]);
export const HEALTH_CHILD = new Weighted<string>([
  ['healthy', 93],
  ['chronic', 2],
  ['serious', 2],
  ['disabled', 3],
]);

// biome-ignore format: a table
const EDUCATION_BY_COHORT: [number, Weighted<string>][] = [
  [1950, new Weighted<string>([['illiterate', 45], ['primary', 40], ['junior', 13], ['senior', 2]])],
  [1965, new Weighted<string>([['illiterate', 20], ['primary', 45], ['junior', 30], ['senior', 5]])],
  [1980, new Weighted<string>([['illiterate', 7], ['primary', 33], ['junior', 50], ['senior', 8], ['college', 2]])],
  [1995, new Weighted<string>([['illiterate', 3], ['primary', 17], ['junior', 55], ['senior', 17], ['college', 8]])],
  [9999, new Weighted<string>([['illiterate', 3], ['primary', 15], ['junior', 50], ['senior', 22], ['college', 10]])],
];
const EDU_RANK: Record<string, number> = { illiterate: 0, primary: 1, junior: 2, senior: 3, college: 4 };
const EDU_BY_RANK = ['illiterate', 'primary', 'junior', 'senior', 'college'];

export function educationFor(rng: Random, age: number, birthYear: number, schooling: string, health: string): string {
  if (age < 6) return 'preschool';
  switch (schooling) {
    case 'preschool':
      return 'preschool';
    case 'primary':
      return 'primary';
    case 'grade7':
    case 'grade8':
    case 'grade9':
      return 'junior';
    case 'senior':
      return 'senior';
    case 'higher_vocational':
    case 'undergraduate':
      return 'college';
  }
  if (health === 'disabled' && rng.chance(0.4)) return 'illiterate';
  let edu = 'primary';
  for (const [before, dist] of EDUCATION_BY_COHORT) {
    if (birthYear < before) {
      edu = dist.draw(rng);
      break;
    }
  }
  const maxRank = age < 12 ? 1 : age < 15 ? 2 : age < 21 ? 3 : 4;
  return (EDU_RANK[edu] as number) > maxRank ? (EDU_BY_RANK[maxRank] as string) : edu;
}

export function labourFor(rng: Random, age: number, schooling: string, health: string): string {
  if (age < 16 || schooling !== 'none') return 'none';
  if (age >= 70) return rng.chance(0.7) ? 'none' : 'lost';
  if (age >= 60) {
    const r = rng.float();
    return r < 0.35 ? 'weak' : r < 0.7 ? 'none' : r < 0.9 ? 'lost' : 'ordinary';
  }
  if (health === 'disabled' || health === 'serious') return rng.chance(0.6) ? 'lost' : 'weak';
  if (health === 'chronic') {
    const r = rng.float();
    return r < 0.5 ? 'weak' : r < 0.9 ? 'ordinary' : 'lost';
  }
  const r = rng.float();
  return r < 0.78 ? 'ordinary' : r < 0.92 ? 'skilled' : 'weak';
}
