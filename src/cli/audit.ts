import { describeChain, verifyChain } from '../modules/audit/chain.ts';
import { withDatabase } from './context.ts';

/** Exit status 0 when the chain holds, 3 when a link is broken (so that a cron job can alert on it). */
export async function auditVerifyCommand(opts: { json?: boolean }) {
  const report = await withDatabase(({ db }) => verifyChain(db));
  if (opts.json) console.log(JSON.stringify(report));
  else {
    console.log(describeChain(report, 'zh-CN'));
    console.log(describeChain(report, 'en'));
    if (report.head) console.log(`head: row ${report.head.id}, link ${report.head.seq}, ${report.head.at}, sha256 ${report.head.hash}`);
  }
  if (!report.intact) process.exitCode = 3;
}
