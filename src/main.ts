import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, ENV_DOC, loadConfig } from './config/config.js';
import { DomainError } from './domain/errors.js';
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
        const a = await createAgent(makeDeps(db), 'cli', { name: opts.name, email: opts.email, password: opts.password, role: 'admin' });
        console.log(`Administrator ${a.email} created.`);
      } finally {
        await db.close();
      }
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof MigrationError || err instanceof DomainError || err instanceof InvalidArgumentError) {
      console.error(`relais: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

// Run directly (`tsx src/main.ts …`); bin/relais.js imports runCli instead.
if (import.meta.url === `file://${process.argv[1]}`) await runCli(process.argv);
