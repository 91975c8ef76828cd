import { createWriteStream, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../src/db/types.ts';
import { povertyCounties } from '../src/modules/regions/source.ts';
import { label } from '../src/modules/registry/codelists.ts';
import { type DemoHousehold, generateRegister } from '../src/modules/registry/demo/generate.ts';
import { writeRegisterCsv } from '../src/modules/registry/interchange/write.ts';

/** The scale-S demo register as one CSV file in the import's Chinese headers (one row per person), written once and kept in the temp folder. */

const zh = (list: Parameters<typeof label>[0], code: string | null) => (code ? label(list, code, 'zh-CN') : null);

function* rows(
  households: Iterable<DemoHousehold>,
  names: Map<string, { village: string; township: string; county: string; city: string }>,
) {
  for (const h of households) {
    const n = names.get(h.village_code);
    for (const m of h.members) {
      yield {
        city: n?.city,
        county: n?.county,
        township: n?.township,
        village: n?.village,
        village_code: h.village_code,
        household_no: h.household_no,
        name: m.name,
        id_number: m.id_number,
        relation: zh('relation', m.relation),
        gender: zh('gender', m.gender),
        ethnicity: zh('ethnicity', m.ethnicity),
        education: zh('education', m.education),
        schooling: zh('schooling', m.schooling),
        health: zh('health', m.health),
        labour_skill: zh('labour', m.labour),
        work_status: zh('work', m.work),
        medical_insurance: m.medical_insurance ? '是' : '否',
        category: zh('household_category', h.category),
        poverty_cause: zh('poverty_cause', h.cause),
        year_identified: h.year_identified,
        planned_exit_year: h.planned_exit_year,
        exit_year: h.exit_year,
        household_status: zh('household_status', h.status),
        income_per_capita: h.incomes.find((i) => i.year === 2017)?.per_capita ?? null,
        helper: h.helper?.name ?? null,
        phone: null,
      };
    }
  }
}

export async function registerCsv(db: Db, scale: number): Promise<string> {
  const file = path.join(os.tmpdir(), `fupin-register-scale-${scale}.csv`);
  if (!existsSync(file)) {
    const villages = (
      await sql<{ code: string; name: string; township_code: string; county_code: string; township: string; county: string; city: string }>`
        SELECT v.code, v.name, v.parent_code AS township_code, left(v.code, 6) AS county_code, t.name AS township, c.name AS county, ci.name AS city
        FROM region v JOIN region t ON t.code = v.parent_code JOIN region c ON c.code = t.parent_code JOIN region ci ON ci.code = c.parent_code
        WHERE v.level = 5 ORDER BY v.code`.execute(db)
    ).rows;
    const names = new Map(
      villages.map((v) => [v.code, { village: v.name.replace(/村民委员会$/, '村'), township: v.township, county: v.county, city: v.city }]),
    );
    const t0 = Date.now();
    const gen = generateRegister({ scale, seed: 20170601, villages, povertyCountyCodes: povertyCounties('21').map((c) => c.code) });
    const r = await writeRegisterCsv(createWriteStream(file), rows(gen, names), { lang: 'zh-CN' });
    console.log(
      `wrote ${r.rows} rows to ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  return file;
}
