import type { DataSource } from 'typeorm';
import { msg } from '../common/messages';
import type { AppConfig } from '../config/app-config';
import { ImportFiles } from './import-files';

/**
 * Imports never confirmed (a dry run left, or an all-or-nothing import refused and not sent again)
 * whose file has waited over `IMPORT_RETENTION_DAYS` since its last dry run: their file is deleted and
 * their staged rows (the file's content, identities sealed) with it; the import stays, `expired`,
 * saying why. Without it every upload never confirmed stayed on disk for ever. Returns how many expired.
 */
export async function expireUnconfirmedImports(ds: DataSource, config: AppConfig): Promise<number> {
  const days = config.IMPORT_RETENTION_DAYS;
  const expired = (await ds.query(
    `WITH due AS (
       SELECT id, file_key FROM imports
        WHERE status IN ('analysed', 'failed') AND file_key IS NOT NULL AND coalesce(analysed_at, created_at) < now() - make_interval(days => $1)
          FOR UPDATE SKIP LOCKED),
     expired AS (UPDATE imports i SET status = 'expired', file_key = NULL, progress = 100, error = $2 FROM due WHERE i.id = due.id RETURNING i.id)
     SELECT due.id, due.file_key FROM due JOIN expired USING (id)`,
    [days, JSON.stringify(msg('import.expired', { days }))],
  )) as { id: string; file_key: string }[];
  if (!expired.length) return 0;
  await ds.query(`DELETE FROM import_rows WHERE import_id = ANY($1::uuid[])`, [expired.map((e) => e.id)]);
  const files = new ImportFiles(config);
  for (const e of expired) await files.remove(e.file_key);
  return expired.length;
}
