import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, openMemoryDatabase, rawDriver } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { DB, Tx } from '../../src/db/types.ts';
import { verifyChain } from '../../src/modules/audit/chain.ts';
import { record, SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { type Engine, engines } from '../support/db.ts';

const n = async (db: Tx, q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db)).rows[0]?.n);
const rowCount = (db: Tx) => n(db, sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`);

/** As a superuser would: the append-only trigger off for one statement, then on again. */
async function tamper(db: Tx, statement: ReturnType<typeof sql>) {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`.execute(db);
  try {
    await statement.execute(db);
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`.execute(db);
  }
}

async function append(db: Tx, marker: string, extra: Record<string, unknown> = {}) {
  await record(db, SYSTEM_ACTOR, {
    scopeCode: '211381',
    entity: 'chain_test',
    entityId: marker,
    action: 'create',
    after: { marker, ...extra },
  });
  const r = await sql<{ id: number }>`SELECT id FROM audit_log WHERE entity_id = ${marker}`.execute(db);
  return Number(r.rows[0]?.id);
}

describe.each(engines())('audit hash chain on %s', (engine) => {
  let t: TestApp;
  let db: Kysely<DB>;
  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    for (let i = 0; i < 5; i++) await append(db, `seed-${i}`);
  });
  afterAll(() => t.close());

  it('chains each row to the one before: sha256(previous hash || canonical text), computed here from the fields', async () => {
    const id = await append(db, 'plain', { a: 1 });
    const r = await sql<{ seq: number; us: string; hash: string; prev: string }>`
      SELECT a.chain_seq AS seq, ((extract(epoch FROM a.at) * 1000000)::bigint)::text AS us, encode(a.hash, 'hex') AS hash,
             encode(p.hash, 'hex') AS prev
      FROM audit_log a JOIN audit_log p ON p.chain_seq = a.chain_seq - 1 WHERE a.id = ${id}`.execute(db);
    const row = r.rows[0];
    if (!row) throw new Error('no row');
    // jsonb's text form: keys sorted (shorter first), ", " and ": " between items.
    const canonical = `[${row.seq}, ${id}, ${row.us}, null, "system", "211381", "chain_test", "plain", "create", null, {"a": 1, "marker": "plain"}, null]`;
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from(row.prev, 'hex'), Buffer.from(canonical, 'utf8')]))
      .digest('hex');
    expect(row.hash).toBe(expected);
  });

  it('reports intact with the row count to the province administrator only', async () => {
    const sheng = await loggedIn(t.app, 'sheng');
    const r = await sheng.get('/api/audit/verify');
    expect(r.status).toBe(200);
    // The verify request itself writes no audit row, so the count is the table's.
    expect(r.body).toMatchObject({ intact: true, broken: null, rows: await rowCount(db) });
    expect(r.body.message).toContain(String(r.body.rows));
    const head = await sql<{ id: number; hash: string }>`
      SELECT id, encode(hash, 'hex') AS hash FROM audit_log ORDER BY chain_seq DESC LIMIT 1`.execute(db);
    expect(r.body.head).toMatchObject({ id: Number(head.rows[0]?.id), hash: head.rows[0]?.hash });

    for (const user of ['beipiao', 'chaoyang', 'leader', 'haifeng']) {
      const other = await loggedIn(t.app, user);
      const denied = await other.get('/api/audit/verify');
      expect(denied.status, user).toBe(403);
    }
  });

  it('finds an edited row at that row, and an edited row whose hash was recomputed at the next row', async () => {
    const sheng = await loggedIn(t.app, 'sheng');
    sheng.lang = 'en';
    const victim = await append(db, 'victim');
    const next = await append(db, 'after-victim');
    await append(db, 'tail');

    await tamper(db, sql`UPDATE audit_log SET after = '{"marker": "forged"}' WHERE id = ${victim}`);
    const broken = await sheng.get('/api/audit/verify');
    expect(broken.body).toMatchObject({ intact: false, broken: { id: victim, reason: 'altered' } });
    const at = await sql<{ at: Date }>`SELECT at FROM audit_log WHERE id = ${victim}`.execute(db);
    expect(broken.body.broken.at).toBe(new Date(at.rows[0]?.at as Date).toISOString());
    expect(broken.body.message).toContain(`row ${victim}`);

    // A careful forger recomputes the edited row's own hash: the next row's link then breaks.
    await tamper(
      db,
      sql`UPDATE audit_log a SET hash = sha256(p.hash || convert_to(audit_log_canonical(a), 'UTF8'))
          FROM audit_log p WHERE a.id = ${victim} AND p.chain_seq = a.chain_seq - 1`,
    );
    expect((await sheng.get('/api/audit/verify')).body.broken).toMatchObject({ id: next, reason: 'altered' });

    await tamper(db, sql`DELETE FROM audit_log WHERE id = ${victim}`);
    await tamper(db, sql`DELETE FROM audit_log WHERE id = ${next}`);
  });

  it('finds deleted rows at the row after them, and counts them', async () => {
    // The previous test left two rows deleted; the row after them is the first break.
    const sheng = await loggedIn(t.app, 'sheng');
    const r = await sheng.get('/api/audit/verify');
    const tail = await sql<{ id: number }>`SELECT id FROM audit_log WHERE entity_id = 'tail'`.execute(db);
    expect(r.body).toMatchObject({ intact: false, broken: { id: Number(tail.rows[0]?.id), reason: 'missing', missing: 2 } });
    expect(r.body.rows).toBe(await rowCount(db));
  });
});

describe.each(engines())('audit chain appends on %s', (engine) => {
  let t: TestApp;
  let db: Kysely<DB>;
  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
  });
  afterAll(() => t.close());

  const verify = () => verifyChain(db);

  it('chains a bulk INSERT … SELECT, and a savepoint rolled back leaves no gap', async () => {
    const before = await rowCount(db);
    await sql`
      INSERT INTO audit_log (actor_name, scope_code, entity, entity_id, action, after)
      SELECT 'bulk', '211381', 'chain_test', 'bulk-' || i, 'create', jsonb_build_object('i', i) FROM generate_series(1, 2000) i`.execute(
      db,
    );
    await db.transaction().execute(async (tx) => {
      await append(tx, 'tx-1');
      await sql`SAVEPOINT s`.execute(tx);
      await append(tx, 'tx-rolled-back-1');
      await append(tx, 'tx-rolled-back-2');
      await sql`ROLLBACK TO SAVEPOINT s`.execute(tx);
      await append(tx, 'tx-2');
    });
    expect(await rowCount(db)).toBe(before + 2002);
    const seq = await sql<{ min: number; max: number; n: number }>`
      SELECT min(chain_seq) AS min, max(chain_seq) AS max, count(DISTINCT chain_seq) AS n FROM audit_log`.execute(db);
    expect(seq.rows[0]).toEqual({ min: 1, max: before + 2002, n: before + 2002 });
    expect(await verify()).toMatchObject({ intact: true, rows: before + 2002 });
  });

  it('does not fork when many transactions append at once', async () => {
    const before = await rowCount(db);
    const driver = rawDriver(db);
    if (driver?.kind === 'postgresql') {
      // Two connections, interleaved by hand: the second appends while the first is still open.
      const a = await driver.pool.connect();
      const b = await driver.pool.connect();
      try {
        const ins = (c: pg.PoolClient, m: string) =>
          c.query(
            `INSERT INTO audit_log (actor_name, scope_code, entity, entity_id, action) VALUES ('x', '21', 'chain_test', $1, 'create')`,
            [m],
          );
        await a.query('BEGIN');
        await b.query('BEGIN');
        await ins(a, 'a-1');
        const second = ins(b, 'b-1'); // waits for a's commit
        await ins(a, 'a-2');
        await a.query('COMMIT');
        await second;
        await ins(b, 'b-2');
        await b.query('COMMIT');
      } finally {
        a.release();
        b.release();
      }
    }
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        db.transaction().execute(async (tx) => {
          await append(tx, `par-${i}-a`);
          await append(tx, `par-${i}-b`);
        }),
      ),
    );
    const added = driver?.kind === 'postgresql' ? 52 : 48;
    expect(await rowCount(db)).toBe(before + added);
    expect(await verify()).toMatchObject({ intact: true, rows: before + added });
    // Rows of one transaction are consecutive links.
    const pairs = await sql<{ n: number }>`
      SELECT count(*) AS n FROM audit_log a JOIN audit_log b ON b.entity_id = replace(a.entity_id, '-a', '-b')
      WHERE a.entity_id LIKE 'par-%-a' AND b.chain_seq = a.chain_seq + 1`.execute(db);
    expect(Number(pairs.rows[0]?.n)).toBe(24);
  });
});

/** A provider for the project's migrations up to and including one of them, to build a database as it was. */
function migrationsUpTo(last: string) {
  const dir = path.resolve('src/db/migrations');
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      const out: Record<string, Migration> = {};
      for (const f of readdirSync(dir).sort()) {
        const name = f.replace(/\.sql$/, '');
        if (!/^\d{4}_/.test(f) || name > last) continue;
        const text = readFileSync(path.join(dir, f), 'utf8');
        out[name] = { up: async (db) => void (await sql.raw(text).execute(db)) };
      }
      return out;
    },
  };
}

async function freshDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') return openMemoryDatabase();
  const name = `fupin_chain_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: '/tmp' });
  return {
    ...database,
    async close() {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

// Migrates a fresh database step by step: on Citus that database would not be distributed, so not there.
describe.each(engines().filter((e) => e !== 'citus'))('migration 0007 on %s', (engine) => {
  it('chains the rows written before it, in id order', async () => {
    const database = await freshDatabase(engine);
    try {
      const db = database.db;
      const m = new Migrator({ db, provider: migrationsUpTo('0006_security'), migrationTableName: 'schema_migration' });
      const { error } = await m.migrateToLatest();
      if (error) throw error;
      await sql`
        INSERT INTO audit_log (actor_name, scope_code, entity, entity_id, action, after, at)
        SELECT 'old', '21', 'chain_test', 'old-' || i, 'create', jsonb_build_object('i', i), now() - make_interval(days => 400 - i)
        FROM generate_series(1, 300) i`.execute(db);
      await migrateToLatest(db);
      const order = await sql<{ n: number }>`
        SELECT count(*) AS n FROM audit_log WHERE chain_seq = (SELECT count(*) FROM audit_log b WHERE b.id <= audit_log.id)`.execute(db);
      expect(Number(order.rows[0]?.n)).toBe(300);
      await append(db, 'new-after-migration');
      expect(await verifyChain(db)).toMatchObject({ intact: true, rows: 301 });
    } finally {
      await database.close();
    }
  });
});
