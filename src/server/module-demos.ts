import { analyzeAll } from '../db/bulk-load.ts';
import type { Db } from '../db/types.ts';
import type { PiiKeys } from '../modules/pii/crypto.ts';

/**
 * What each module adds to the demo once the register is in, in the order they depend on one another (the party's
 * funds need its organisations). The server's first start and `fupin demo` both go through this list, so a module's
 * demo is added here and nowhere else. A loader answers null when the province has its records already.
 */
export interface DemoOptions {
  scale: number;
  seed?: number;
  /** Attendance months computed at load (newest first); the server's attendance worker computes the rest. */
  computeMonths?: number;
}

interface ModuleDemo {
  name: string;
  load(db: Db, keys: PiiKeys, opts: DemoOptions): Promise<string | null>;
}

export const MODULE_DEMOS: readonly ModuleDemo[] = [
  {
    name: 'cadres',
    async load(db, keys, opts) {
      const { loadDemoCadres, describeCadreDemo } = await import('../modules/cadres/demo/load.ts');
      const c = await loadDemoCadres(db, keys, { seed: opts.seed, computeMonths: opts.computeMonths });
      return c && describeCadreDemo(c);
    },
  },
  {
    name: 'party',
    async load(db, keys, opts) {
      const { loadDemoPartyCore, describePartyCoreDemo } = await import('../modules/party/demo/load.ts');
      const p = await loadDemoPartyCore(db, keys, { scale: opts.scale, seed: opts.seed });
      return p && describePartyCoreDemo(p);
    },
  },
  {
    name: 'party ledger',
    async load(db, keys, opts) {
      const { loadDemoPartyLedger, describePartyLedgerDemo } = await import('../modules/party/ledger/demo.ts');
      const l = await loadDemoPartyLedger(db, keys, { seed: opts.seed });
      return l && describePartyLedgerDemo(l);
    },
  },
  {
    name: 'party decisions',
    async load(db, keys) {
      const { loadDemoPartyDecisions, describeDecisionDemo } = await import('../modules/party/decisions/demo.ts');
      const d = await loadDemoPartyDecisions(db, keys);
      return d && describeDecisionDemo(d);
    },
  },
  {
    name: 'party funds',
    async load(db, keys) {
      const { loadDemoPartyFunds, describePartyFundsDemo } = await import('../modules/party/funds/demo.ts');
      const f = await loadDemoPartyFunds(db, keys);
      return f && describePartyFundsDemo(f);
    },
  },
  {
    name: 'exit',
    async load(db, keys) {
      const { loadDemoExit, describeExitDemo } = await import('../modules/exit/demo.ts');
      const e = await loadDemoExit(db, keys);
      return e && describeExitDemo(e);
    },
  },
  {
    name: 'monitoring',
    async load(db, keys, opts) {
      const { loadDemoMonitoring, describeMonitoringDemo } = await import('../modules/exit/monitoring/demo.ts');
      const m = await loadDemoMonitoring(db, keys, { seed: opts.seed });
      return m && describeMonitoringDemo(m);
    },
  },
];

/** Loads every module's demo in order, logging each with its time, then gives the planner its statistics. */
export async function loadModuleDemos(db: Db, keys: PiiKeys, opts: DemoOptions, log: (m: string) => void) {
  let loaded = false;
  for (const m of MODULE_DEMOS) {
    const started = Date.now();
    const said = await m.load(db, keys, opts);
    loaded ||= said !== null;
    log(
      said
        ? `${said} (${Math.round((Date.now() - started) / 100) / 10} s)`
        : `demo ${m.name}: the province has its records already, none added`,
    );
  }
  if (loaded) {
    const started = Date.now();
    const done = await analyzeAll(db);
    log(`statistics gathered${done === 'vacuumed' ? ', tables vacuumed' : ''} (${Math.round((Date.now() - started) / 100) / 10} s)`);
  }
}
