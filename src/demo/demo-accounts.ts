import { EntityManager } from 'typeorm';
import type { Role } from '../access/actor';
import { hashPassword } from '../auth/passwords';

/** Which demo organisation (catalogue key) each account belongs to. */
export interface DemoAccount {
  role: Role;
  email: string;
  /** Public, printed at start and in the README: demo use only. */
  password: string;
  displayName: string;
  /** Organisation name in the demo catalogue; null for the admin. */
  organisationName: string | null;
}

/** One account per role, on organisations of the Île-de-France demo. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: 'admin', email: 'admin@demo.clausier.fr', password: 'demo-admin-clausier', displayName: 'Administratrice de la plateforme', organisationName: null },
  { role: 'regional_staff', email: 'macs@demo.clausier.fr', password: 'demo-macs-idf-2026', displayName: 'Chargé de mission MACS', organisationName: 'MACS Île-de-France (GIP Maximilien)' },
  { role: 'facilitator', email: 'facilitateur.93@demo.clausier.fr', password: 'demo-facilitateur-93', displayName: 'Facilitatrice Plaine Commune', organisationName: 'Maison de l’emploi Plaine Commune' },
  { role: 'buyer', email: 'acheteur.sgp@demo.clausier.fr', password: 'demo-acheteur-sgp', displayName: 'Acheteur Société des grands projets', organisationName: 'Société des grands projets' },
  { role: 'company', email: 'entreprise@demo.clausier.fr', password: 'demo-entreprise-gcgp', displayName: 'Conductrice de travaux GCGP', organisationName: 'Génie Civil du Grand Paris SAS' },
];

/** Inserts the demo accounts, already active (the demo organisations must be there). */
export async function insertDemoAccounts(m: EntityManager): Promise<void> {
  for (const a of DEMO_ACCOUNTS) {
    const passwordHash = await hashPassword(a.password);
    const inserted = (await m.query(
      `INSERT INTO users (email, display_name, role, organisation_id, password_hash, activated_at)
       SELECT $1, $2, $3, (SELECT id FROM organisations WHERE name = $4), $5, now()
        WHERE $4::text IS NULL OR EXISTS (SELECT 1 FROM organisations WHERE name = $4)
       RETURNING id`,
      [a.email, a.displayName, a.role, a.organisationName, passwordHash],
    )) as unknown[];
    if (!inserted.length) throw new Error(`Demo account ${a.email}: no organisation named ${a.organisationName}`);
  }
}

/** Whether the organisations the demo accounts belong to are all there. */
export async function hasDemoOrganisations(m: EntityManager): Promise<boolean> {
  const names = DEMO_ACCOUNTS.flatMap((a) => (a.organisationName ? [a.organisationName] : []));
  const [{ n }] = (await m.query(`SELECT count(DISTINCT name)::int AS n FROM organisations WHERE name = ANY($1::text[])`, [names])) as { n: number }[];
  return n === names.length;
}

/** The lines `npm start` prints, while the demo accounts exist. */
export async function demoAccountLines(m: EntityManager): Promise<string[]> {
  const rows = (await m.query(`SELECT email FROM users WHERE email = ANY($1::text[]) AND disabled_at IS NULL`, [DEMO_ACCOUNTS.map((a) => a.email)])) as { email: string }[];
  const present = new Set(rows.map((r) => r.email));
  return DEMO_ACCOUNTS.filter((a) => present.has(a.email)).map((a) => `  ${a.role.padEnd(15)} ${a.email.padEnd(36)} ${a.password}`);
}
