import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { engines, seededServerDatabase } from '../support/db.ts';
import { makeId } from '../support/ids.ts';
import { POSTING_HEADER } from '../support/postings-file.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/fupin.mjs');

async function fupin(env: Record<string, string>, ...args: string[]) {
  try {
    const r = await run('node', [BIN, ...args], { env: { ...process.env, ...env }, timeout: 180_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

/**
 * `fupin attendance --month --scope --json` on both engines: a posting imported by the CLI, hand-made check-ins
 * written straight into the database (five days at one exact position), then the JSON per cadre.
 */
describe.each(engines())('fupin attendance on %s', (engine) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-att-cli-'));
  const env: Record<string, string> = { DATA_DIR: dir, DATABASE_URL: '' };
  let dropDb: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    if (engine === 'citus') {
      // A copy of the distributed template: an empty database on the coordinator would not be distributed.
      const c = await seededServerDatabase(engine);
      env.DATABASE_URL = c.url;
      dropDb = c.drop;
    } else if (engine === 'postgresql') {
      const name = `fupin_att_cli_${randomBytes(4).toString('hex')}`;
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      const url = new URL(process.env.DATABASE_URL as string);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      dropDb = async () => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      };
    }
    expect((await fupin(env, 'regions', 'import', '--province', '21')).code).toBe(0);
    const id = makeId('211302', '1983-03-03', 41, true);
    const csv = [
      POSTING_HEADER.join(','),
      `钱书记,${id},男,北票市农业农村局,县级,副局长,是,13900003333,朝阳市,北票市,东官营镇,海丰村,211381109201,第一书记,2024-04-01,`,
    ].join('\r\n');
    writeFileSync(path.join(dir, 'p.csv'), `\ufeff${csv}`);
    const imported = await fupin(env, 'cadres', 'import', path.join(dir, 'p.csv'), '--scope', '211381', '--json');
    expect(imported.code, imported.err).toBe(0);
    const database = await openDatabase({ url: env.DATABASE_URL || undefined, dataDir: dir });
    try {
      const db = database.db;
      await sql`INSERT INTO village_point (county_code, village_code, lon, lat, source) VALUES ('211381', '211381109201', 120.77, 41.8, 'approximate')`.execute(
        db,
      );
      await sql`INSERT INTO app_user (username, display_name, role, scope_code, password_hash) VALUES ('att_cli', '测试', 'county_operator', '211381', 'x')
                ON CONFLICT (username) DO NOTHING`.execute(db);
      await sql`
        WITH p AS (SELECT id FROM cadre_posting LIMIT 1), u AS (SELECT id FROM app_user ORDER BY id LIMIT 1),
        d AS (INSERT INTO cadre_device (county_code, posting_id, user_id, public_key, key_thumbprint)
              SELECT '211381', p.id, u.id, '{}'::jsonb, 'cli' FROM p, u RETURNING id, posting_id)
        INSERT INTO cadre_checkin (county_code, posting_id, client_id, device_id, device_time, received_at, lat, lon, accuracy_m, signature)
        SELECT '211381', d.posting_id, gen_random_uuid(), d.id, t, t + interval '3 seconds', 41.80123, 120.77045, 8 + extract(day FROM t)::float8 / 10, 'c2ln'
        FROM d, unnest(ARRAY['2026-10-05T10:00:00+08:00', '2026-10-06T10:00:00+08:00', '2026-10-07T10:00:00+08:00',
                             '2026-10-08T21:00:00+08:00', '2026-10-09T10:00:00+08:00']::timestamptz[]) AS t`.execute(db);
    } finally {
      await database.close();
    }
  }, 600_000);
  afterAll(async () => dropDb?.());

  it('computes the month and lists each cadre with days, nights and flags with their evidence', async () => {
    const r = await fupin(env, 'attendance', '--month', '2026-10', '--scope', '211381', '--json');
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.computed).toMatchObject({ postings: 1, checkins: 5 });
    expect(out.cadres).toHaveLength(1);
    const c = out.cadres[0];
    expect(c).toMatchObject({ villageCode: '211381109201', name: '钱书记', daysInVillage: 5, nights: 1, compliant: false });
    expect(c.idMasked).toMatch(/^2113\*+\d{2,4}$|\*/);
    expect(c.idMasked).not.toContain(makeId('211302', '1983-03-03', 41, true).slice(6, 14));
    const codes = c.flags.map((f: { code: string }) => f.code).sort();
    expect(codes).toEqual(['forged_repeated_position', 'name_only']);
    const rep = c.flags.find((f: { code: string }) => f.code === 'forged_repeated_position');
    expect(rep.reason.zh).toContain('41.80123');
    expect(rep.evidence.dates).toEqual(['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09']);
    // October 2026 has 22 working days; present on 5 of them.
    expect(c.absenceCandidates).toHaveLength(17);

    const text = await fupin(env, 'attendance', '--month', '2026-10', '--scope', '211381', '--no-compute');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('钱书记');
    expect(text.out).toContain('挂名');
    const bad = await fupin(env, 'attendance', '--month', '2026-13', '--scope', '211381');
    expect(bad.code).not.toBe(0);
  }, 300_000);
});
