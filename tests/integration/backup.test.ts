import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, rawDriver } from '../../src/db/connection.ts';
import { acquireDataDirLock, DataDirLockedError } from '../../src/db/datadir-lock.ts';
import { photoPath, storePhoto } from '../../src/modules/cadres/photos.ts';
import { decrypt, parseKey } from '../../src/modules/pii/crypto.ts';
import { buildApp } from '../../src/server/app.ts';
import { Client } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';
import { seed } from '../support/seed.ts';

const BIN = path.resolve('bin/fupin.mjs');
const run = promisify(execFile);
const KEY = randomBytes(64).toString('base64');
const OTHER_KEY = randomBytes(64).toString('base64');
const keys = parseKey(KEY);

async function fupin(env: Record<string, string>, ...args: string[]) {
  try {
    const r = await run('node', [BIN, ...args], { env: { ...process.env, ...env }, timeout: 240_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

const HEAD_ID = makeId('211381', '1961-03-04', 7, true);

function household(no: string, i: number) {
  return {
    villageCode: '211381109201',
    householdNo: no,
    category: 'ordinary',
    cause: 'illness',
    yearIdentified: 2016,
    plannedExitYear: 2019,
    status: 'poor',
    income: 2000 + i * 111,
    helper: '钱进',
    members: [
      { name: `户主${i}`, idNumber: i === 0 ? HEAD_ID : makeId('211381', '1960-01-01', 20 + i * 2, true), relation: 'head', gender: 'M' },
      { name: `成员${i}`, idNumber: makeId('211381', '1990-05-05', 200 + i * 2, false), relation: 'daughter', gender: 'F' },
    ],
  };
}

/** What the test compares before and after, all read with plain SQL (and the ID decrypted here with the key). */
async function figures(db: Database['db']) {
  const one = async (q: ReturnType<typeof sql>) => (await q.execute(db)).rows[0] as Record<string, number | string>;
  const f = await one(sql`
    SELECT (SELECT count(*) FROM household) AS households, (SELECT count(*) FROM person) AS persons,
           (SELECT coalesce(sum(per_capita), 0) FROM household_income) AS income,
           (SELECT count(*) FROM audit_log) AS audit_rows,
           (SELECT string_agg(status, ',' ORDER BY household_no) FROM household) AS statuses`);
  const head = await one(sql`
    SELECT p.id_cipher FROM household h JOIN person p ON p.county_code = h.county_code AND p.id = h.head_person_id
    WHERE h.household_no = 'BK00'`);
  return {
    households: Number(f.households),
    persons: Number(f.persons),
    income: Number(f.income),
    auditRows: Number(f.audit_rows),
    statuses: String(f.statuses),
    headId: decrypt(keys, String(head?.id_cipher)),
  };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Two work-log photos: bytes that sniff as a JPEG and a PNG (the server serves them by their stored type). */
const PHOTOS = [
  { mime: 'image/jpeg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(3000)]) },
  { mime: 'image/png', bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)]) },
];

// Not on Citus: `fupin backup` dumps one database; a cluster is backed up per node (docs/scale-out.md).
describe.each(engines().filter((e) => e !== 'citus'))(
  'fupin backup and restore on %s',
  (engine) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fupin-backup-'));
    const env: Record<string, string> = { DATA_DIR: dataDir, DATABASE_URL: '', FUPIN_KEY: KEY };
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'fupin-backups-')), 'nightly.tar');
    let admin: pg.Client | null = null;
    const dbs: string[] = [];
    let original: Awaited<ReturnType<typeof figures>>;

    async function newPgDatabase() {
      const name = `fupin_bk_${randomBytes(4).toString('hex')}`;
      await admin?.query(`CREATE DATABASE ${name}`);
      dbs.push(name);
      const url = new URL(process.env.DATABASE_URL as string);
      url.pathname = `/${name}`;
      return url.toString();
    }

    /** Opens the configured database in this process (the embedded one takes the folder's lock while open). */
    async function withApp<T>(
      fn: (database: Database, client: Client | null, app: Awaited<ReturnType<typeof buildApp>> | null) => Promise<T>,
      opts: { app?: boolean } = {},
    ) {
      const database = await openDatabase({ url: env.DATABASE_URL || undefined, dataDir });
      try {
        if (!opts.app) return await fn(database, null, null);
        const app = await buildApp({ database, keys, webDir: '/nonexistent', dataDir });
        await app.ready();
        try {
          return await fn(database, await new Client(app).login('beipiao'), app);
        } finally {
          await app.close();
        }
      } finally {
        await database.close();
      }
    }

    let postingId = 0;
    let logId = 0;

    /** A posting with a work log of two photos: the rows as the field app's upload writes them, the files under DATA_DIR. */
    async function photoLog(db: Database['db'], client: Client) {
      const unit = await client.post('/api/cadres/units', { name: '北票市备份测试局', level: 'county', regionCode: '211381' });
      const p = await client.post('/api/cadres/postings', {
        villageCode: '211381109201',
        role: 'team_member',
        startDate: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
        cadre: {
          name: '备份甲',
          idNumber: makeId('211302', '1985-02-03', 901, true),
          unitId: unit.body.id,
          post: '科员',
          partyMember: true,
        },
      });
      expect(p.status, p.text).toBe(200);
      postingId = p.body.id;
      const device = await sql<{ id: number }>`
        INSERT INTO cadre_device (county_code, posting_id, user_id, public_key, key_thumbprint)
        VALUES ('211381', ${postingId}, (SELECT id FROM app_user WHERE username = 'beipiao'), '{}'::jsonb, 'backup-test')
        RETURNING id`.execute(db);
      const log = await sql<{ id: number }>`
        INSERT INTO cadre_work_log (county_code, posting_id, client_id, device_id, log_date, body, signature)
        VALUES ('211381', ${postingId}, ${randomUUID()}::uuid, ${device.rows[0]?.id}, current_date, '入户走访', 'demo')
        RETURNING id`.execute(db);
      logId = Number(log.rows[0]?.id);
      for (const [i, ph] of PHOTOS.entries()) {
        await storePhoto(dataDir, sha(ph.bytes), ph.mime, ph.bytes);
        await sql`INSERT INTO cadre_log_photo (county_code, log_id, seq, sha256, mime, bytes)
          VALUES ('211381', ${logId}, ${i + 1}, ${sha(ph.bytes)}, ${ph.mime}, ${ph.bytes.length})`.execute(db);
      }
    }

    /** The photos as the county's posting page fetches them: the sha256 of each body served. */
    const served = () =>
      withApp(
        async (_d, _c, app) => {
          const login = await new Client(app as NonNullable<typeof app>).login('beipiao');
          const out: (string | number)[] = [];
          for (const seq of [1, 2]) {
            const r = await app?.inject({
              method: 'GET',
              url: `/api/cadres/postings/${postingId}/logs/${logId}/photos/${seq}`,
              headers: { cookie: [...login.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
            });
            out.push(r?.statusCode === 200 ? sha(r.rawPayload) : (r?.statusCode ?? 0));
          }
          return out;
        },
        { app: true },
      );

    beforeAll(async () => {
      if (engine === 'postgresql') {
        admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        env.DATABASE_URL = await newPgDatabase();
      }
      await withApp(async ({ db }) => seed(db));
      original = await withApp(
        async ({ db }, client) => {
          for (let i = 0; i < 6; i++) expect((await client?.post('/api/registry/households', household(`BK0${i}`, i)))?.status).toBe(200);
          await photoLog(db, client as Client);
          return figures(db);
        },
        { app: true },
      );
      // 6 households of 2, and the cadre of the work log.
      expect(original).toMatchObject({ households: 6, persons: 13, headId: HEAD_ID });
    }, 600_000);
    afterAll(async () => {
      for (const name of dbs) await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin?.end();
    });

    it('writes a backup that records the key fingerprint but never the key, and says where the key is', async () => {
      const r = await fupin(env, 'backup', out);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain('FUPIN_KEY');
      expect(r.out).toMatch(/back it up separately/);
      expect(await fupin(env, 'backup', out)).toMatchObject({ code: 1 }); // never overwrites

      const bytes = readFileSync(out);
      expect(bytes.includes(Buffer.from(KEY))).toBe(false);
      expect(bytes.includes(keys.enc)).toBe(false);
      const work = mkdtempSync(path.join(os.tmpdir(), 'fupin-bk-x-'));
      await tar.extract({ file: out, cwd: work });
      const manifest = JSON.parse(readFileSync(path.join(work, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({
        engine,
        key: { opensData: true },
        figures: { households: 6, persons: 13 },
        photos: { files: 2, bytes: 5012, missing: [], damaged: [] },
      });
      for (const ph of PHOTOS) {
        const file = path.relative(dataDir, photoPath(dataDir, sha(ph.bytes), ph.mime));
        expect(readFileSync(path.join(work, file))).toEqual(ph.bytes);
      }
      expect(manifest.key.fingerprint).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/);
      expect(readdirSync(path.dirname(out))).toEqual(['nightly.tar']); // no temporary files left beside it
    });

    it('restores the backed-up figures after a change, refusing a non-empty target without --force and a wrong key', async () => {
      // A change through the API after the backup: one household edited, one added.
      const changed = await withApp(
        async ({ db }, client) => {
          const id = (await sql<{ id: number }>`SELECT id FROM household WHERE household_no = 'BK01'`.execute(db)).rows[0]?.id;
          const detail = (await client?.get(`/api/registry/households/${id}`))?.body;
          const edit = await client?.put(`/api/registry/households/${id}`, {
            ...household('BK01', 1),
            status: 'exited',
            exitYear: 2018,
            income: 9999,
            members: detail.members.map((m: { personId: number; name: string; relation: string }) => ({
              personId: m.personId,
              name: m.name,
              relation: m.relation,
              idNumber: '',
            })),
          });
          expect(edit?.status).toBe(200);
          expect((await client?.post('/api/registry/households', household('BK09', 9)))?.status).toBe(200);
          return figures(db);
        },
        { app: true },
      );
      expect(changed).not.toEqual(original);
      expect(changed.households).toBe(7);

      const refused = await fupin(env, 'restore', out);
      expect(refused.code).not.toBe(0);
      expect(refused.err).toContain('--force');
      const wrongKey = await fupin({ ...env, FUPIN_KEY: OTHER_KEY }, 'restore', '--force', out);
      expect(wrongKey.code).not.toBe(0);
      expect(wrongKey.err).toMatch(/is not the backup's key \(fingerprint/);
      expect(await withApp(async ({ db }) => figures(db))).toEqual(changed); // nothing touched

      const restored = await fupin(env, 'restore', '--force', out);
      expect(restored.err).toBe('');
      expect(restored.code).toBe(0);
      expect(restored.out).toMatch(/intact/);
      expect(await withApp(async ({ db }) => figures(db))).toEqual(original);
      if (engine === 'pglite') expect(readdirSync(dataDir).filter((f) => f.startsWith('db.replaced-'))).toHaveLength(1);

      // The restored database takes writes again, and its audit trail still chains.
      await withApp(
        async (_d, client) => {
          expect((await client?.post('/api/registry/households', household('BK10', 10)))?.status).toBe(200);
        },
        { app: true },
      );
      const verify = await fupin(env, 'audit', 'verify');
      expect(verify.code).toBe(0);
    });

    it('puts the photos back with the same hashes, served again; a photo whose bytes changed is reported', async () => {
      const hashes = PHOTOS.map((ph) => sha(ph.bytes));
      expect(await served()).toEqual(hashes);
      expect(await fupin(env, 'photos', 'verify')).toMatchObject({ code: 0 });

      // The data folder loses its photos: verify says which are missing; the restore puts them back.
      rmSync(path.join(dataDir, 'field-photos'), { recursive: true, force: true });
      const gone = await fupin(env, 'photos', 'verify', '--json');
      expect(gone.code).toBe(3);
      expect(JSON.parse(gone.out)).toMatchObject({
        named: 2,
        ok: 0,
        missing: expect.arrayContaining([expect.stringContaining(hashes[0])]),
      });
      const restored = await fupin(env, 'restore', '--force', out);
      expect(restored.err).toBe('');
      expect(restored.code).toBe(0);
      expect(restored.out).toMatch(/2 已放回 \/ put back/);
      expect(restored.out).toMatch(/2\/2 完好/);
      for (const ph of PHOTOS) expect(readFileSync(photoPath(dataDir, sha(ph.bytes), ph.mime))).toEqual(ph.bytes);
      expect(await served()).toEqual(hashes);

      // A file whose bytes changed under its name: verify reports it; a restore puts the backup's copy in its place.
      const jpeg = photoPath(dataDir, hashes[0] as string, 'image/jpeg');
      writeFileSync(jpeg, Buffer.concat([PHOTOS[0]?.bytes as Buffer, Buffer.from('x')]));
      const damaged = await fupin(env, 'photos', 'verify');
      expect(damaged.code).toBe(3);
      expect(damaged.err).toContain(`damaged: field-photos/${hashes[0]?.slice(0, 2)}/${hashes[0]}.jpg`);
      const repaired = await fupin(env, 'restore', '--force', out);
      expect(repaired.code).toBe(0);
      expect(repaired.out).toMatch(/1 已放回 \/ put back, 1 原已完好/);
      expect(readFileSync(jpeg)).toEqual(PHOTOS[0]?.bytes);

      // A backup whose photo was altered: the restore does not place it, says so, and ends with status 3.
      const work = mkdtempSync(path.join(os.tmpdir(), 'fupin-bk-photo-'));
      await tar.extract({ file: out, cwd: work });
      const inBackup = path.join(work, path.relative(dataDir, jpeg));
      writeFileSync(inBackup, Buffer.from('not the photo'));
      const altered = path.join(path.dirname(out), 'altered.tar');
      await tar.create({ file: altered, cwd: work, portable: true }, readdirSync(work));
      rmSync(path.join(dataDir, 'field-photos'), { recursive: true, force: true });
      const bad = await fupin(env, 'restore', '--force', altered);
      expect(bad.code).toBe(3);
      expect(bad.err).toContain(`damaged in the backup: field-photos/${hashes[0]?.slice(0, 2)}/${hashes[0]}.jpg`);
      expect(bad.err).toContain(`missing: field-photos/${hashes[0]?.slice(0, 2)}/${hashes[0]}.jpg`);
      expect(bad.out).toMatch(/1\/2 完好/);
      expect(existsSync(jpeg)).toBe(false);
      expect(await served()).toEqual([404, hashes[1]]);
      rmSync(altered);
      // Back to the whole backup for the tests after this one.
      expect((await fupin(env, 'restore', '--force', out)).code).toBe(0);
    });

    it('restores into an empty database, and refuses while the database is in use', async () => {
      const target: Record<string, string> = { ...env, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'fupin-restore-')) };
      if (engine === 'postgresql') target.DATABASE_URL = await newPgDatabase();
      writeFileSync(path.join(target.DATA_DIR as string, 'keep.txt'), 'x');
      const r = await fupin(target, 'restore', out);
      expect(r.code).toBe(0);
      const copy = await openDatabase({ url: target.DATABASE_URL || undefined, dataDir: target.DATA_DIR as string });
      try {
        expect(await figures(copy.db)).toEqual(original);
        // In use: the embedded folder is locked by this process, the PostgreSQL database has a connection from it.
        const driver = rawDriver(copy.db);
        const held = driver?.kind === 'postgresql' ? await driver.pool.connect() : null;
        const busy = await fupin(target, engine === 'pglite' ? 'backup' : 'restore', engine === 'pglite' ? `${out}.2` : out);
        expect(busy.code).not.toBe(0);
        expect(busy.err).toMatch(engine === 'pglite' ? /in use by another process/ : /other connection/);
        expect(existsSync(`${out}.2`)).toBe(false);
        held?.release();
      } finally {
        await copy.close();
      }
    });

    it('refuses a damaged or foreign file, and a backup of the other engine', async () => {
      const bad = path.join(path.dirname(out), 'bad.tar');
      writeFileSync(bad, 'not a backup');
      const r = await fupin(env, 'restore', '--force', bad);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/not a Fupin backup/);
      const other = { ...env, DATABASE_URL: engine === 'pglite' ? 'postgres://nobody@127.0.0.1:1/none' : '' };
      const cross = await fupin(other, 'restore', '--force', out);
      expect(cross.code).not.toBe(0);
      expect(cross.err).toMatch(new RegExp(`this is a ${engine} backup`));
    });
  },
  600_000,
);

describe('the embedded database folder lock', () => {
  const lockFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'fupin-lock-')), 'db.lock');
  const owner = (pid: number, start: string | null) =>
    JSON.stringify({ pid, host: os.hostname(), boot: null, start, command: 'serve', since: '2026-01-01T00:00:00Z' });

  it('refuses a live owner, takes over from a dead one or a reused pid, and releases only its own lock', async () => {
    const file = lockFile();
    const release = acquireDataDirLock(file, 'test');
    expect(() => acquireDataDirLock(file, 'again')).toThrow(DataDirLockedError);
    release();
    expect(existsSync(file)).toBe(false);

    // A process that has exited (kill -9 leaves its lock behind).
    const gone = await new Promise<number>((resolve) => {
      const child = execFile('node', ['-e', '0']);
      child.on('exit', () => resolve(child.pid as number));
    });
    writeFileSync(file, owner(gone, null));
    acquireDataDirLock(file, 'after a crash')();
    // A live pid with another start time: the pid was reused (pid 1 of a restarted container).
    writeFileSync(file, owner(process.pid, '1'));
    const mine = acquireDataDirLock(file, 'reused pid');
    writeFileSync(file, owner(process.ppid, null)); // someone else's now: not removed by our release
    mine();
    expect(existsSync(file)).toBe(true);
    writeFileSync(file, 'torn');
    acquireDataDirLock(file, 'torn file')();
  });
});
