import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** One process of the service (the API or the worker), started from the build like `npm start` does. */
export interface ServiceProcess {
  child: ChildProcess;
  /** Highest resident memory the process has had so far (VmHWM), in MB. */
  peakMb(): number;
  /** CPU time the process has used so far (user + system, all its threads), in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second on every architecture Node runs on. */
const CLOCK_TICKS = 100;

/** utime + stime of a process, in seconds, from /proc/<pid>/stat (fields 14 and 15, after the command's closing parenthesis). */
export function processCpuSeconds(pid: number | string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * CPU time used so far by each PostgreSQL process of this machine (backends, WAL writer, checkpointer,
 * autovacuum), in seconds by pid; empty when none can be read (the server runs elsewhere).
 */
export function postgresCpuSeconds(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') byPid.set(pid, processCpuSeconds(pid));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byPid;
}

/**
 * PostgreSQL's CPU between two readings: what each process still running used since the first (all
 * of it for one started since). A process that ended in between takes its share with it: a sum of
 * the totals would then go down (the connections of earlier scenarios close during the next one).
 * Null when there was nothing to read.
 */
export function postgresCpuSince(before: Map<string, number>, after: Map<string, number>): number | null {
  if (!before.size || !after.size) return null;
  let used = 0;
  for (const [pid, seconds] of after) used += seconds - (before.get(pid) ?? 0);
  return used;
}

/**
 * The environment of the service under benchmark: the development secrets (the generator encrypted
 * the identities with them), no demo data, no schedule, the workers in their own process, a queue
 * prefix of its own, and the per-user rate limit lifted (the load test is one user per department at
 * thousands of requests a minute; the limit is a defence, not what is measured).
 */
export function serviceEnv(databaseUrl: string, port: number, dataDir: string): NodeJS.ProcessEnv {
  mkdirSync(dataDir, { recursive: true });
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: 'UTC',
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    EMBEDDED_POSTGRES: 'never',
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: 'clausier-bench',
    DEMO_DATA: 'false',
    RUN_WORKER_IN_API: 'false',
    REPORT_SCHEDULE_CRON: 'off',
    HOUSEKEEPING_CRON: 'off',
    DATA_DIR: dataDir,
    DB_STATEMENT_TIMEOUT_MS: '120000',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    IMPORT_MAX_MB: '200',
  };
}

/**
 * Node's own options for the service's processes, to profile them under load:
 * `BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npm run bench …` (NODE_OPTIONS refuses --cpu-prof).
 */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Starts `dist/src/<entry>.js`; resolves once `ready` finds its line in the output. */
export async function startProcess(entry: 'main' | 'worker', env: NodeJS.ProcessEnv, ready: RegExp, log: (line: string) => void): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [...NODE_ARGS, join(ROOT, 'dist', 'src', `${entry}.js`)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
      // Keep only the tail: the process logs for as long as it runs.
      if (output.length > 20_000) output = output.slice(-5_000);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${entry} exited (${code}) before it was ready:\n${output.slice(-3000)}`)));
    setTimeout(() => reject(new Error(`${entry} not ready after 120 s:\n${output.slice(-3000)}`)), 120_000).unref();
  });
  child.stdout!.removeAllListeners('data');
  child.stderr!.removeAllListeners('data');
  // Errors stay visible; the rest of the log is drained so the pipes never fill.
  const onLine = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (/ERROR|Error:/.test(line)) log(`  [${entry}] ${line.slice(0, 400)}`);
  };
  child.stdout!.on('data', onLine);
  child.stderr!.on('data', onLine);
  child.removeAllListeners('exit');
  return {
    child,
    peakMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
      return Math.round(kb / 1024);
    },
    cpuSeconds: () => processCpuSeconds(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

/** The API and a separate worker on one database: what a deployment runs. */
export async function startService(databaseUrl: string, port: number, dataDir: string, log: (line: string) => void) {
  const env = serviceEnv(databaseUrl, port, dataDir);
  const api = await startProcess('main', env, /API on http:/, log);
  const worker = await startProcess('worker', env, /Worker running/, log);
  return { api, worker, baseUrl: `http://127.0.0.1:${port}`, env };
}
