import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { auditIdentity, systemActor } from '../access/actor';
import { newToken, sha256 } from '../auth/secrets';
import { loadConfig } from '../config/app-config';
import { createAppDataSource, prepareDatabase } from '../app-schema';
import { resolveDatabase } from '../database/database-url';
import { inTransaction } from '../database/transaction';

/**
 * `npm run admin:invite -- someone@example.fr [Display name]`: the first administrator of an
 * installation started without the demo data (nobody can invite them through the API yet). Prints
 * the invitation token once, on standard output; the person sets a password with
 * POST /api/v1/auth/accept-invitation. Run again for the same email to get a new invitation.
 */
async function main() {
  const [email, ...name] = process.argv.slice(2);
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error('usage: npm run admin:invite -- email@example.fr [Display name]');
  const config = loadConfig();
  const db = await resolveDatabase(config, () => undefined);
  const ds = createAppDataSource({ url: db.url, poolSize: 1, statementTimeoutMs: 60_000 });
  await ds.initialize();
  try {
    await prepareDatabase(ds);
    const login = email.trim().toLowerCase();
    const token = await inTransaction(ds, auditIdentity(systemActor('admin-cli')), async (m) => {
      const [existing] = (await m.query(`SELECT id, role FROM users WHERE email = $1`, [login])) as { id: string; role: string }[];
      if (existing && existing.role !== 'admin') throw new Error(`${login} is already a ${existing.role}, not an admin`);
      const id = existing?.id ?? randomUUID();
      const t = newToken(id);
      await m.query(
        `INSERT INTO users (id, email, display_name, role, invitation_token_hash, invitation_expires_at) VALUES ($1, $2, $3, 'admin', $4, now() + interval '7 days')
         ON CONFLICT (email) DO UPDATE SET invitation_token_hash = EXCLUDED.invitation_token_hash, invitation_expires_at = EXCLUDED.invitation_expires_at`,
        [id, login, name.join(' ') || 'Administrateur', sha256(t)],
      );
      return t;
    });
    console.log(`Invitation for ${login} (valid 7 days; set the password with POST /api/v1/auth/accept-invitation):\n${token}`);
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
