import { CompiledQuery, type DatabaseConnection, PostgresDialect, type PostgresDialectConfig } from 'kysely';

/**
 * PostgreSQL's dialect with one Citus rule. On a Citus coordinator, a transaction that has read a distributed table
 * across shards in parallel may no longer write a reference table ("cannot modify table "app_user" because there was
 * a parallel operation on a distributed table": ending a posting disables its logins, creating a village login
 * follows a read of the cadres). So every transaction there runs its multi-shard statements over one connection per
 * worker (`citus.multi_shard_modify_mode = sequential`, local to the transaction); reads outside a transaction, the
 * province's dashboards and lists, stay parallel. And every transaction there names its coordinator time to the
 * workers (fupin.tx_time, migration 0054). Whether the server is Citus is asked once, at the first connection.
 */
export class FupinPostgresDialect extends PostgresDialect {
  #citus: boolean | null = null;

  constructor(config: PostgresDialectConfig) {
    super(config);
  }

  override createDriver() {
    const driver = super.createDriver();
    // Each connection, once: EXPLAIN shows every task's plan, so that a row estimate can be summed over the shards
    // (registry/queries.ts countHouseholds; Citus's own node says 100,000 rows whatever the table holds).
    const acquire = driver.acquireConnection.bind(driver);
    const prepared = new WeakSet<DatabaseConnection>();
    driver.acquireConnection = async () => {
      const connection = await acquire();
      if (!prepared.has(connection)) {
        prepared.add(connection);
        if (await this.#isCitus(connection)) {
          // SET LOCAL reaches the workers a transaction writes to (fupin.tx_time below).
          await connection.executeQuery(CompiledQuery.raw('SET citus.explain_all_tasks = on'));
          await connection.executeQuery(CompiledQuery.raw("SET citus.propagate_set_commands = 'local'"));
        }
      }
      return connection;
    };
    const begin = driver.beginTransaction.bind(driver);
    driver.beginTransaction = async (connection, settings) => {
      await begin(connection, settings);
      if (await this.#isCitus(connection)) {
        await connection.executeQuery(CompiledQuery.raw("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'"));
        const now = await connection.executeQuery<{ t: string }>(CompiledQuery.raw('SELECT now()::text AS t'));
        // The coordinator's transaction time, for the dated marks' triggers on the shards (migration 0054): the audit
        // rows of the transaction carry it, and a back-dated change's author is found by it (command/revisions.ts).
        const t = String(now.rows[0]?.t ?? '').replace(/'/g, "''");
        if (t) await connection.executeQuery(CompiledQuery.raw(`SET LOCAL fupin.tx_time = '${t}'`));
      }
    };
    return driver;
  }

  async #isCitus(connection: DatabaseConnection): Promise<boolean> {
    if (this.#citus === null) {
      const r = await connection.executeQuery<{ c: boolean }>(
        CompiledQuery.raw("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS c"),
      );
      this.#citus = r.rows[0]?.c === true;
    }
    return this.#citus;
  }
}
