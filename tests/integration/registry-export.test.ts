import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/modules/registry/demo/load.ts';
import { type Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

/**
 * The register export over real HTTP at province, county and township scope of the scale-0.1 demo register (81,000
 * persons), both formats, parsed with exceljs and Papa Parse and compared with the tables; failures part-way; the
 * formula guard's round trip through the import. One load per engine (the load is most of this file's time).
 */

const cookie = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

interface Got {
  status: number;
  type: string;
  body: Buffer;
  /** The last chunk of the body arrived: false when the server aborted the connection. */
  complete: boolean;
}

/** GET over a socket, as a browser's download does. `onFirstChunk` runs with the response paused after its first chunk. */
function get(base: string, c: Client, url: string, onFirstChunk?: (req: http.ClientRequest) => Promise<void>): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${url}`, { headers: { cookie: cookie(c), 'accept-language': 'zh-CN' } }, (res) => {
      const chunks: Buffer[] = [];
      let first = true;
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          body: Buffer.concat(chunks),
          complete: res.complete,
        });
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (first && onFirstChunk) {
          first = false;
          res.pause();
          onFirstChunk(req).then(
            () => res.resume(),
            (e) => reject(e),
          );
        }
      });
      res.on('end', done);
      res.on('error', done);
      res.on('close', done);
    });
    req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
  });
}

/** The rows of an exported file (header first), read with the libraries a user's tools would use. */
async function* fileRows(format: 'csv' | 'xlsx', body: Buffer): AsyncGenerator<string[]> {
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  if (format === 'csv') {
    const parsed = Papa.parse<string[]>(body.toString('utf8').replace(/^\ufeff/, ''), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    yield* parsed.data;
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(body), {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
  });
  // exceljs' stream reader decodes each zip chunk on its own: a character split between two chunks becomes U+FFFD
  // (exceljs #2084). The sheet's XML is decoded here first; exceljs takes text as well as bytes.
  const internals = reader as unknown as { _parseWorksheet(it: AsyncIterable<unknown>, sheetNo: string): Generator<unknown> };
  const parse = internals._parseWorksheet.bind(reader);
  internals._parseWorksheet = (it, sheetNo) =>
    parse(
      (async function* () {
        const decoder = new TextDecoder('utf-8');
        for await (const chunk of it) yield decoder.decode(chunk as Uint8Array, { stream: true });
      })(),
      sheetNo,
    );
  for await (const ws of reader) {
    for await (const row of ws) {
      if (row.number === 1) continue; // the title row above the header
      const values = row.values as unknown[];
      yield Array.from({ length: 26 }, (_, i) => text(values[i + 1]));
    }
  }
}

const COLS = {
  city: '市',
  county: '县(市、区)',
  township: '乡(镇)',
  village: '行政村',
  villageCode: '村代码',
  householdNo: '户编号',
  name: '姓名',
  id: '证件号码',
  relation: '与户主关系',
  gender: '性别',
  yearIdentified: '识别年度',
  plannedExit: '计划脱贫年度',
  exitYear: '脱贫年度',
  income: '人均纯收入(元)',
  helper: '帮扶责任人',
  phone: '联系电话',
} as const;
type Col = keyof typeof COLS;

/** What the test keeps of a file: every person's key, the household order, whether heads come first, and the sampled rows. */
async function summarise(format: 'csv' | 'xlsx', body: Buffer, sampleKeys: Set<string>) {
  let index: Record<Col, number> | null = null;
  const keys: string[] = [];
  const households: string[] = [];
  let headsFirst = 0;
  const sample = new Map<string, Record<Col, string>>();
  for await (const cells of fileRows(format, body)) {
    if (!index) {
      index = Object.fromEntries(Object.entries(COLS).map(([k, label]) => [k, cells.indexOf(label)])) as Record<Col, number>;
      expect(Object.values(index).every((i) => i >= 0)).toBe(true);
      continue;
    }
    const at = index;
    const row = Object.fromEntries(Object.keys(COLS).map((k) => [k, cells[at[k as Col]] ?? ''])) as Record<Col, string>;
    keys.push(`${row.householdNo}|${row.name}|${row.id}`);
    if (households.at(-1) !== row.householdNo) {
      households.push(row.householdNo);
      if (row.relation === '户主') headsFirst++;
    }
    if (sampleKeys.has(`${row.householdNo}|${row.name}`)) sample.set(`${row.householdNo}|${row.name}`, row);
  }
  return { keys, households, headsFirst, sample };
}

describe.each(engines())('register export of the scale-0.1 demo on %s', (engine) => {
  let t: TestApp;
  let base: string;
  let year: number;
  const clients = new Map<string, Client>();
  beforeAll(async () => {
    t = await openTestApp(engine);
    const started = Date.now();
    await loadDemo(t.database.db, TEST_KEYS, { scale: 0.1 });
    console.log(`${engine}: demo register at scale 0.1 loaded in ${Math.round((Date.now() - started) / 1000)} s`);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    for (const u of ['sheng', 'beipiao', 'dongguanying']) clients.set(u, await loggedIn(t.app, u));
    year = (await (clients.get('sheng') as Client).get('/api/registry/register-year')).body.year;
  }, 1_200_000);
  afterAll(() => t?.close());

  const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(t.database.db)).rows;

  describe.each([
    ['sheng', '21'],
    ['beipiao', '211381'],
    ['dongguanying', '211381109'],
  ])('as %s (scope %s)', (user, scope) => {
    it.each(['csv', 'xlsx'] as const)(
      '%s: every person in scope once, households in order with the head first, sampled rows as in the tables',
      async (format) => {
        const like = `${scope}%`;
        const persons = await q(sql<{ household_no: string; name: string; id_masked: string }>`
        SELECT h.household_no, p.name, p.id_masked FROM household h
        JOIN household_member m ON m.county_code = h.county_code AND m.household_id = h.id
        JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
        WHERE h.village_code LIKE ${like}`);
        const households = await q(sql<{ household_no: string }>`
        SELECT h.household_no FROM household h WHERE h.village_code LIKE ${like}
          AND EXISTS (SELECT 1 FROM household_member m WHERE m.county_code = h.county_code AND m.household_id = h.id)
        ORDER BY h.county_code, h.id`);
        const sampled = await q(sql<Record<string, string | number | null>>`
        SELECT ci.name AS city, co.name AS county, t.name AS township, v.name AS village, h.village_code, h.household_no, p.name,
               p.id_masked, p.gender, h.year_identified, h.planned_exit_year, h.exit_year, i.per_capita AS income, p.phone_masked,
               (SELECT hp.helper_name FROM help_pairing hp WHERE hp.county_code = h.county_code AND hp.household_id = h.id
                AND hp.end_date IS NULL ORDER BY hp.start_date DESC, hp.id DESC LIMIT 1) AS helper
        FROM household h
        JOIN household_member m ON m.county_code = h.county_code AND m.household_id = h.id
        JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
        JOIN region v ON v.code = h.village_code JOIN region t ON t.code = v.parent_code
        JOIN region co ON co.code = t.parent_code JOIN region ci ON ci.code = co.parent_code
        LEFT JOIN household_income i ON i.county_code = h.county_code AND i.household_id = h.id AND i.year = ${year}
        WHERE h.village_code LIKE ${like} ORDER BY md5(p.id::text) LIMIT 40`);
        expect(persons.length).toBeGreaterThan(scope === '21' ? 80_000 : 100);

        const started = Date.now();
        const got = await get(base, clients.get(user) as Client, `/api/registry/households/export?format=${format}&region=${scope}`);
        const seconds = (Date.now() - started) / 1000;
        console.log(
          `${engine} ${user} ${format}: ${persons.length} rows, ${(got.body.length / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`,
        );
        expect(got.status).toBe(200);
        expect(got.complete).toBe(true);

        const s = (v: string | number | null) => (v === null ? '' : String(v));
        const file = await summarise(format, got.body, new Set(sampled.map((r) => `${r.household_no}|${r.name}`)));
        expect(file.keys.length).toBe(persons.length);
        expect(file.keys.sort()).toEqual(persons.map((p) => `${p.household_no}|${p.name}|${p.id_masked}`).sort());
        expect(file.households).toEqual(households.map((h) => h.household_no));
        expect(file.headsFirst).toBe(households.length);
        for (const r of sampled) {
          const row = file.sample.get(`${r.household_no}|${r.name}`);
          expect(row, `${r.household_no} ${r.name}`).toEqual({
            ...(row as Record<Col, string>),
            city: r.city,
            county: r.county,
            township: r.township,
            village: r.village,
            villageCode: r.village_code,
            id: r.id_masked,
            gender: r.gender === 'M' ? '男' : '女',
            yearIdentified: s(r.year_identified),
            plannedExit: s(r.planned_exit_year),
            exitYear: s(r.exit_year),
            income: s(r.income),
            helper: s(r.helper),
            phone: s(r.phone_masked),
          });
        }
      },
      600_000,
    );
  });

  it('a failure part-way aborts the connection (no complete 200); a failure before the first byte answers JSON', async () => {
    const sheng = clients.get('sheng') as Client;
    const rename = async (from: string, to: string) => {
      await sql`ALTER TABLE ${sql.id(from)} RENAME TO ${sql.id(to)}`.execute(t.database.db);
    };
    try {
      // The client reads the first chunk and stops; meanwhile a table the next pages need goes away.
      const got = await get(base, sheng, '/api/registry/households/export?format=csv&region=21', () =>
        rename('household_income', 'household_income_gone'),
      );
      expect(got.status).toBe(200);
      expect(got.body.length).toBeGreaterThan(0);
      expect(got.complete).toBe(false);
      const rows = got.body.toString('utf8').split('\r\n').length;
      expect(rows).toBeLessThan(80_000);

      for (const format of ['csv', 'xlsx']) {
        const early = await get(base, sheng, `/api/registry/households/export?format=${format}&region=211381`);
        expect(early.status, format).toBe(500);
        expect(early.type).toMatch(/^application\/json/);
        expect(JSON.parse(early.body.toString()).error.code).toBe('INTERNAL');
      }
    } finally {
      await rename('household_income_gone', 'household_income').catch(() => {});
    }
    const again = await get(base, sheng, '/api/registry/households/export?format=csv&region=211381109');
    expect([again.status, again.complete]).toEqual([200, true]);
  }, 600_000);

  it('a download given up part-way stops the export and leaves the server serving', async () => {
    const sheng = clients.get('sheng') as Client;
    for (const format of ['xlsx', 'csv']) {
      const got = await get(base, sheng, `/api/registry/households/export?format=${format}&region=21`, async (req) => {
        req.destroy();
      });
      expect(got.complete).toBe(false);
    }
    await new Promise((r) => setTimeout(r, 500));
    const after = await get(base, sheng, '/api/registry/households/export?format=xlsx&region=211381109');
    expect([after.status, after.complete]).toEqual([200, true]);
  }, 600_000);

  it('text a spreadsheet would run is exported quoted (csv and xlsx) and imports back unchanged', async () => {
    const beipiao = clients.get('beipiao') as Client;
    // A village small enough for the daily unmasking budget (four unmasked exports).
    const [village] = await q(sql<{ code: string }>`
      SELECT h.village_code AS code FROM household h JOIN household_member m ON m.county_code = h.county_code AND m.household_id = h.id
      WHERE h.county_code = '211381' GROUP BY h.village_code HAVING count(DISTINCT h.id) >= 2 ORDER BY count(*), h.village_code LIMIT 1`);
    const url = (format: string) => `/api/registry/households/export?format=${format}&region=${village.code}&unmask=1`;
    const attacks = ["-1+cmd|' /C calc'!A0", '=HYPERLINK("http://x.example/","点这里")', '@SUM(1+1)', '+1+2'];

    // A clerk's file (no quotes) puts the text into the register through the import.
    const original = await get(base, beipiao, url('csv'));
    const parsed = Papa.parse<string[]>(original.body.toString('utf8').replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
    const [header, first, second] = parsed;
    const col = (label: string) => header.indexOf(label);
    const household = first[col('户编号')];
    first[col('姓名')] = attacks[0];
    second[col('姓名')] = attacks[2];
    for (const row of parsed.slice(1)) if (row[col('户编号')] === household) row[col('帮扶责任人')] = attacks[1];
    const edited = await importFile(beipiao, Buffer.from(`\ufeff${Papa.unparse(parsed)}`), 'edited.csv');
    expect(edited.summary.rowsWithProblems).toBe(0);
    expect((await beipiao.post(`/api/registry/imports/${edited.id}/commit`)).status).toBe(200);
    const names = (await q(sql<{ name: string }>`SELECT name FROM person WHERE name = ANY(${attacks}::text[])`)).map((r) => r.name);
    expect(names.sort()).toEqual([attacks[0], attacks[2]].sort());

    for (const format of ['csv', 'xlsx'] as const) {
      const got = await get(base, beipiao, url(format));
      expect(got.complete).toBe(true);
      const cells: string[] = [];
      for await (const row of fileRows(format, got.body)) cells.push(...row);
      expect(cells, format).toContain(`'${attacks[0]}`);
      expect(cells, format).toContain(`'${attacks[1]}`);
      expect(cells, format).toContain(`'${attacks[2]}`);
      expect(
        cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c)),
        format,
      ).toEqual([]);
      const back = await importFile(beipiao, got.body, `back.${format}`);
      expect(back.summary.rowsWithProblems, format).toBe(0);
      expect(back.summary.households, format).toMatchObject({ new: 0, updated: 0, rejected: 0 });
      expect(back.summary.persons, format).toMatchObject({ new: 0, updated: 0, rejected: 0 });
      await beipiao.post(`/api/registry/imports/${back.id}/discard`);
    }
  }, 600_000);

  async function importFile(c: Client, file: Buffer, name: string) {
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(file)]), name);
    const res = await fetch(`${base}/api/registry/imports`, {
      method: 'POST',
      body: fd,
      headers: { cookie: cookie(c), 'x-csrf-token': c.cookies.get('fupin_csrf') ?? '' },
    });
    const { id } = (await res.json()) as { id: number };
    expect(res.status, `upload ${name}`).toBe(200);
    for (let i = 0; i < 600; i++) {
      const b = await c.get(`/api/registry/imports/${id}`);
      if (b.body.status !== 'staging') return { id, ...b.body };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('preview did not finish');
  }
});
