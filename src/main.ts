import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, ENV_DOC, loadConfig } from './config/config.js';
import { DomainError } from './domain/errors.js';
import { BackupError } from './store/backup-catalog.js';
import { DataDirLockedError } from './store/data-dir-lock.js';
import { MigrationError } from './store/migrate.js';

const envHelp = `\nEnvironment:\n${ENV_DOC.map(([k, d, h]) => `  ${k.padEnd(36)} ${h} (default ${d})`).join('\n')}\n`;

/** The `relais` command line. Every sub-command has --help. */
export async function runCli(argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name('relais')
    .description('Relais, the help desk for technical-support teams.')
    .showHelpAfterError()
    .addHelpText('after', envHelp);

  program
    .command('serve')
    .description('Start the HTTP server (applies pending migrations first).')
    .option('--demo', 'on first start (no agent yet), load demo data and print the demo sign-ins', false)
    .action(async (opts: { demo: boolean }) => {
      const { serve } = await import('./cli/serve.js');
      await serve(loadConfig(), { demo: opts.demo });
    });

  program
    .command('migrate')
    .description('Apply pending database migrations and exit.')
    .action(async () => {
      const { openConfigured, describeTarget } = await import('./cli/runtime.js');
      const { migrate } = await import('./store/migrate.js');
      const { config, db } = await openConfigured();
      const r = await migrate(db);
      await db.close();
      console.log(`Schema at version ${r.current} on the ${describeTarget(config)}.`);
    });

  program
    .command('create-admin')
    .description('Create an administrator account.')
    .requiredOption('--email <email>', 'sign-in address')
    .requiredOption('--password <password>', 'at least 10 characters')
    .option('--name <name>', 'display name', 'Administrator')
    .action(async (opts: { email: string; password: string; name: string }) => {
      if (!/^[^@\s]+@[^@\s]+$/.test(opts.email)) throw new InvalidArgumentError('--email must be an email address');
      const { openConfigured } = await import('./cli/runtime.js');
      const { makeDeps } = await import('./usecases/deps.js');
      const { createAgent } = await import('./usecases/directory/create-agent.js');
      const { db } = await openConfigured();
      try {
        const { ensureDefaults } = await import('./usecases/bootstrap.js');
        const deps = makeDeps(db);
        await ensureDefaults(deps);
        const a = await createAgent(deps, 'cli', { name: opts.name, email: opts.email, password: opts.password, role: 'admin' });
        console.log(`Administrator ${a.email} created.`);
      } finally {
        await db.close();
      }
    });

  program
    .command('backup')
    .description('Write a logical backup of the whole database (either engine) to FILE, gzip\'d NDJSON.')
    .argument('<file>', 'the backup file to create (refuses to overwrite one)')
    .addHelpText(
      'after',
      '\nThe backup is one consistent snapshot and is engine-independent: restore it into the embedded database\n' +
        'or a PostgreSQL server alike. With the embedded database, stop `relais serve` first (it locks the data\n' +
        'directory). Example: relais backup relais-$(date +%F).ndjson.gz\n',
    )
    .action(async (file: string) => {
      const { backupCommand } = await import('./cli/backup.js');
      await backupCommand(file);
    });

  program
    .command('restore')
    .description('Load a backup written by `relais backup` into the configured database, which must be empty.')
    .argument('<file>', 'a file written by `relais backup`')
    .addHelpText(
      'after',
      '\nThe target is migrated first and must have no data (a new RELAIS_DATA_DIR, or a new PostgreSQL database\n' +
        'in DATABASE_URL) and the same schema version as the backup. Everything is restored in one transaction,\n' +
        'sequences included: a damaged or truncated file leaves the database untouched.\n' +
        'Example, embedded to PostgreSQL: DATABASE_URL=postgres://relais@db/relais relais restore backup.ndjson.gz\n',
    )
    .action(async (file: string) => {
      const { restoreCommand } = await import('./cli/backup.js');
      await restoreCommand(file);
    });

  program
    .command('seed-demo')
    .description('Load the demo data set (a French/English service desk) into an empty database.')
    .addHelpText('after', '\nRefuses when the database already has agents, requesters, teams, categories or tickets. Prints the demo sign-ins.\n')
    .action(async () => {
      const { seedDemoCommand } = await import('./cli/seed-demo.js');
      await seedDemoCommand();
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof BackupError || err instanceof DataDirLockedError || err instanceof MigrationError || err instanceof DomainError || err instanceof InvalidArgumentError) {
      console.error(`relais: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

// Run directly (`tsx src/main.ts …`); bin/relais.js imports runCli instead.
if (import.meta.url === `file://${process.argv[1]}`) await runCli(process.argv);
