import { DataSource } from 'typeorm';
import { Role, UserActor } from '../access/actor';

/** What a user's actor is made of, read with `users u LEFT JOIN organisations o`. */
export const ACTOR_COLUMNS = `u.id AS user_id, u.email, u.role, u.organisation_id, o.region_code,
  CASE u.role
    WHEN 'regional_staff' THEN ARRAY(SELECT d.code::text FROM departments d WHERE d.region_code = o.region_code ORDER BY d.code)
    WHEN 'facilitator' THEN o.department_codes::text[]
    ELSE '{}'::text[] END AS department_codes`;

export interface ActorRow {
  user_id: string;
  email: string;
  role: Role;
  organisation_id: string | null;
  region_code: string | null;
  department_codes: string[];
}

export function toActor(row: ActorRow, sessionId: string): UserActor {
  return {
    kind: 'user', userId: row.user_id, sessionId, email: row.email, role: row.role,
    organisationId: row.organisation_id, regionCode: row.region_code, departmentCodes: row.department_codes,
  };
}

/**
 * A user as a background job acts for them (imports): read afresh when the job runs, so a scope
 * changed or an account disabled since the upload is taken into account. Null when disabled or gone.
 */
export async function loadUserActor(ds: DataSource, userId: string): Promise<UserActor | null> {
  const [row] = (await ds.query(
    `SELECT ${ACTOR_COLUMNS} FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1 AND u.disabled_at IS NULL`,
    [userId],
  )) as ActorRow[];
  return row ? toActor(row, 'job') : null;
}
