import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAppDataSource, prepareDatabase } from './app-schema';
import { loadConfig } from './config/app-config';
import { resolveDatabase } from './database/database-url';
import { schemaDrift } from './database/schema-drift';

/**
 * `run`: apply pending migrations. `check`: print the drift between entities and schema.
 * `generate Name`: write the drift as a new migration under migrations/ — to be read and
 * corrected by hand before committing (enum or length changes come out as drop-and-add).
 */
async function main() {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const db = await resolveDatabase(config, console.log);
  const ds = createAppDataSource({ url: db.url, poolSize: 2, statementTimeoutMs: 600_000 });
  await ds.initialize();
  try {
    if (command === 'run') {
      await prepareDatabase(ds);
      console.log('Migrations applied');
    } else if (command === 'check' || command === 'generate') {
      await ds.runMigrations({ transaction: 'each' });
      const up = await ds.driver.createSchemaBuilder().log();
      const drift = await schemaDrift(ds);
      if (command === 'check') {
        console.log(drift.length ? drift.join(';\n') : 'No drift');
        process.exitCode = drift.length ? 1 : 0;
      } else {
        if (!name) throw new Error('usage: generate MigrationName');
        const ts = Date.now();
        const body = (qs: { query: string; parameters?: unknown[] }[]) =>
          qs.map((q) => `    await q.query(\`${q.query.replace(/[`\\]|\$\{/g, (c) => '\\' + c)}\`${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`).join('\n');
        const file = join(process.cwd(), 'migrations', `${ts}-${name}.ts`);
        writeFileSync(file, `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  public async up(q: QueryRunner): Promise<void> {
${body(up.upQueries)}
  }

  public async down(q: QueryRunner): Promise<void> {
${body(up.downQueries.reverse())}
  }
}
`);
        console.log(`Wrote ${file}: review it, then add it to migrations/index.ts`);
      }
    } else {
      throw new Error('usage: migration-cli run | check | generate Name');
    }
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
