import Redis from 'ioredis';
import { adminQuery } from '../helpers/database';
import { SERVICE_ENV } from './service';

async function stopped(pid: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(pid, 'SIGKILL');
}

/** Stops the service, then drops its database and its queues' keys: the run leaves nothing behind. */
export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env[SERVICE_ENV.pid]);
  if (pid) {
    process.kill(pid, 'SIGTERM');
    await stopped(pid);
  }
  const database = process.env[SERVICE_ENV.database];
  if (database) await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  const prefix = process.env[SERVICE_ENV.queuePrefix];
  if (prefix) {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) if ((keys as string[]).length) await redis.del(...(keys as string[]));
    } finally {
      redis.disconnect();
    }
  }
}
