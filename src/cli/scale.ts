import { citusVersion, distribute, type Step } from '../db/distribute.ts';
import { withDatabase } from './context.ts';

const OUTCOME: Record<Step['outcome'], string> = {
  done: '已完成 done',
  already: '已就位 already',
  blocked: '受阻 blocked',
  refused: '被拒绝 refused',
};

/** `fupin scale distribute`: places every table as src/db/layout.ts declares (docs/scale-out.md). */
export async function scaleDistributeCommand(opts: { json?: boolean; probe?: boolean }) {
  await withDatabase(async ({ db, location }) => {
    const steps = await distribute(db, { probe: opts.probe });
    const count = (o: Step['outcome']) => steps.filter((s) => s.outcome === o).length;
    if (opts.json) {
      console.log(JSON.stringify({ citus: await citusVersion(db), steps }, null, 2));
    } else {
      for (const s of steps) {
        if (s.outcome === 'already' && s.placement === 'coordinator') continue;
        console.log(`${s.table.padEnd(30)} ${s.placement.padEnd(12)} ${OUTCOME[s.outcome]}${s.detail ? `: ${s.detail}` : ''}`);
      }
      console.log(
        `${location}: 完成 ${count('done')}，已就位 ${count('already')}，受阻 ${count('blocked')}，被拒绝 ${count('refused')} / done ${count('done')}, already ${count('already')}, blocked ${count('blocked')}, refused ${count('refused')}`,
      );
    }
    if (count('refused')) process.exitCode = 1;
  });
}
