import { drawName } from '../../registry/demo/names.ts';
import { Random } from '../../registry/demo/random.ts';
import { checkDigit } from '../../registry/idcard.ts';

/** A village of the demo with what the generator needs: its county, name, whether it is a poor village. */
export interface PartyVillage {
  code: string;
  county_code: string;
  name: string;
  poor: boolean;
}

export interface DemoMember {
  village: number;
  id_number: string;
  name: string;
  gender: 'M' | 'F';
  birth_date: string;
  joined_on: string;
  standing: 'full' | 'probationary';
  post: string | null;
  duty: string | null;
  wealth_industry: string | null;
}

export interface DemoTerm {
  village: number;
  /** Index of the member (in `members`) who holds the term. */
  member: number;
  one_shoulder: boolean;
  start_date: string;
  end_date: string | null;
}

export interface PartyDemo {
  orgs: { village: number; name: string; kind: 'branch' | 'general_branch'; established_on: string }[];
  members: DemoMember[];
  terms: DemoTerm[];
}

const POSTS: readonly (readonly [string, string])[] = [
  ['政策宣传岗', '宣传惠民政策，每月入户讲解一次'],
  ['环境卫生岗', '负责分包村民组的环境整治'],
  ['矛盾调解岗', '化解邻里纠纷，及时上报矛盾隐患'],
  ['产业发展岗', '带动村民发展特色种养'],
  ['治安巡逻岗', '参与夜间巡逻，守护村屯平安'],
  ['关爱帮扶岗', '结对照顾留守老人和困难群众'],
  ['民主监督岗', '监督村务公开和集体资金使用'],
];
const INDUSTRIES = ['设施蔬菜', '肉牛养殖', '小杂粮种植', '食用菌', '果树种植', '生猪养殖', '农机服务', '电商销售', '中药材', '肉羊养殖'];

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/**
 * A deterministic party demo for the villages given: an organisation each (党总支 when large), 20–60 members (fewer
 * below scale 0.5, but for the villages `fullRoll` names) with
 * posts, about one wealth-leading member in three villages (more often in poor ones), a secretary from the members
 * (some 一肩挑), a predecessor for about a third. ID numbers use sequence numbers 900–999 of their birth date, which
 * the register's allocator reaches last; the loader drops any number already on file anyway.
 */
export function generateParty(
  villages: readonly PartyVillage[],
  opts: { seed: number | string; year: number; scale?: number; fullRoll?: (code: string) => boolean },
): PartyDemo {
  // A small demo keeps a few members per village (the load stays quick), except where the demo logins look.
  const share = Math.min(1, (opts.scale ?? 1) * 2);
  const orgs: PartyDemo['orgs'] = [];
  const members: DemoMember[] = [];
  const terms: DemoTerm[] = [];
  const seqUsed = new Map<string, number>();
  villages.forEach((v, vi) => {
    // The register's names are the committees' (海丰村民委员会); an organisation is named after the village.
    const place = v.name.replace(/村民委员会$/, '村').replace(/居民委员会$/, '社区');
    const rng = new Random(`${opts.seed}:party:${v.code}`);
    const full = rng.int(20, 60);
    const size = opts.fullRoll?.(v.code) ? full : Math.max(3, Math.round(full * share));
    orgs.push({
      village: vi,
      name: full > 50 ? `中共${place}党总支委员会` : `中共${place}支部委员会`,
      kind: full > 50 ? 'general_branch' : 'branch',
      established_on: day(rng.int(1950, 1995), 7, 1),
    });
    const first = members.length;
    const leaderAt = rng.chance(v.poor ? 0.6 : 0.15) ? rng.int(0, size - 1) : -1;
    for (let i = 0; i < size; i++) {
      const gender = rng.chance(0.72) ? 'M' : 'F';
      const by = rng.int(opts.year - 85, opts.year - 24);
      const birth = day(by, rng.int(1, 12), rng.int(1, 28));
      const key = `${v.county_code}${birth}${gender}`;
      const n = seqUsed.get(key) ?? 0;
      seqUsed.set(key, n + 1);
      const seq = 999 - 2 * n - (gender === 'M' ? 0 : 1);
      const body = `${v.county_code}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
      const joinedYear = Math.min(opts.year - 1, by + rng.int(20, 45));
      const probationary = joinedYear >= opts.year - 1 && rng.chance(0.5);
      const post = rng.chance(0.55) ? (POSTS[rng.int(0, POSTS.length - 1)] as readonly [string, string]) : null;
      members.push({
        village: vi,
        id_number: body + checkDigit(body),
        name: drawName(rng, gender, by),
        gender,
        birth_date: birth,
        joined_on: day(joinedYear, rng.int(1, 12), rng.int(1, 28)),
        standing: probationary ? 'probationary' : 'full',
        post: post?.[0] ?? null,
        duty: post?.[1] ?? null,
        wealth_industry: i === leaderAt ? (INDUSTRIES[rng.int(0, INDUSTRIES.length - 1)] as string) : null,
      });
    }
    const start = rng.int(opts.year - 8, opts.year - 1);
    const startDate = day(start, rng.int(1, 12), 1);
    if (rng.chance(0.35)) {
      const before = rng.int(2, size - 1);
      terms.push({
        village: vi,
        member: first + before,
        one_shoulder: false,
        start_date: day(start - rng.int(3, 6), 3, 1),
        end_date: startDate,
      });
    }
    terms.push({ village: vi, member: first, one_shoulder: rng.chance(0.45), start_date: startDate, end_date: null });
  });
  // A predecessor's term ends the day before the successor's start.
  for (let i = 0; i < terms.length - 1; i++) {
    const t = terms[i] as DemoTerm;
    const next = terms[i + 1] as DemoTerm;
    if (t.end_date && next.village === t.village)
      t.end_date = new Date(Date.parse(`${next.start_date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  }
  return { orgs, members, terms };
}
