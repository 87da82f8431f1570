import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { adminQuery, TEST_SERVER } from '../helpers/database';
import { SERVICE_ENV } from './service';

const ROOT = join(__dirname, '../..');

/** A port no one listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitUntilHealthy(url: string, exited: () => boolean, log: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`The service stopped during start-up: see ${log}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The service did not become healthy: see ${log}`);
}

/**
 * Starts the service as `npm start` does (node dist/src/main.js: migrations, demo data, API, workers
 * and the web application) on a fresh database and queue prefix of its own, so the run meets neither
 * the demo database `clausier` nor a parallel run. The built files must exist (npm run test:browser
 * builds them first).
 */
export default async function globalSetup(): Promise<void> {
  for (const built of ['dist/src/main.js', 'dist/web/index.html']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run npm run build first (npm run test:browser does)`);
  }
  const id = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const database = `clausier_browser_${id}`;
  await adminQuery(`CREATE DATABASE "${database}"`);
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const queuePrefix = `clausier-browser-${id}`;
  // Known to the tests, which sign an expired access token with it (session.spec.ts).
  const tokenSecret = randomBytes(32).toString('hex');
  const log = join(ROOT, 'test-results', `browser-service-${id}.log`);
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  const out = openSync(log, 'w');
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      DATABASE_URL: `${TEST_SERVER}/${database}`,
      QUEUE_PREFIX: queuePrefix,
      AUTH_TOKEN_SECRET: tokenSecret,
      DEMO_DATA: 'true',
      REPORT_SCHEDULE_CRON: 'off',
      HOUSEKEEPING_CRON: 'off',
      // Every test signs in: the per-address sign-in limit is for people, not for a test run.
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      REPORTS_DIR: join(ROOT, 'test-results', `reports-${id}`),
      IMPORTS_DIR: join(ROOT, 'test-results', `imports-${id}`),
    },
  });
  let exited = false;
  child.once('exit', (code, signal) => {
    exited = true;
    appendFileSync(log, `\nThe service exited (code ${code}, signal ${signal})\n`);
  });
  Object.assign(process.env, { [SERVICE_ENV.url]: url, [SERVICE_ENV.database]: database, [SERVICE_ENV.pid]: String(child.pid), [SERVICE_ENV.queuePrefix]: queuePrefix, [SERVICE_ENV.tokenSecret]: tokenSecret });
  try {
    await waitUntilHealthy(url, () => exited, log);
  } catch (e) {
    child.kill('SIGTERM');
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    throw e;
  }
}
