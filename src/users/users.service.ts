import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ROLE_ORGANISATION_KIND } from '../access/actor';
import { SessionsService } from '../auth/sessions.service';
import { newToken, sha256 } from '../auth/secrets';
import { NotFoundError, RuleViolationError } from '../common/errors/domain-errors';
import { Page } from '../common/pagination/page';
import { inTransaction } from '../database/transaction';
import { actorIdentity } from '../access/request-context';
import { Organisation } from '../organisations/organisation.entity';
import { InvitationView, InviteUserDto, UpdateUserDto, UserQuery, UserView } from './dto/user.dto';
import { User } from './user.entity';

/** How long an invitation can be used. */
const INVITATION_DAYS = 7;

/** Accounts, managed by admins: invite (a single-use token the user sets a password with), list, disable. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sessions: SessionsService,
  ) {}

  async invite(dto: InviteUserDto): Promise<InvitationView> {
    const id = randomUUID();
    const token = newToken(id);
    await inTransaction(this.ds, actorIdentity(), async (m) => {
      await checkOrganisation(m, dto);
      // A duplicate email hits user_email_unique: 409.
      await m.getRepository(User).insert({
        id, email: dto.email.trim().toLowerCase(), displayName: dto.displayName.trim(), role: dto.role, organisationId: dto.organisationId ?? null,
        invitationTokenHash: sha256(token), invitationExpiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      });
    });
    return this.invitation(id, token);
  }

  /** A new invitation for an existing user (forgotten password, lost invitation); the old one stops working. */
  async reinvite(id: string): Promise<InvitationView> {
    const token = newToken(id);
    await inTransaction(this.ds, actorIdentity(), async (m) => {
      const [, affected] = await m.query(
        `UPDATE users SET invitation_token_hash = $2, invitation_expires_at = now() + make_interval(days => $3) WHERE id = $1`,
        [id, sha256(token), INVITATION_DAYS],
      );
      if (!affected) throw new NotFoundError('User', id);
    });
    return this.invitation(id, token);
  }

  async list(q: UserQuery): Promise<Page<UserView>> {
    const qb = this.ds.getRepository(User).createQueryBuilder('u').orderBy('u.email', 'ASC').skip(q.offset).take(q.pageSize);
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.organisationId) qb.andWhere('u.organisation_id = :org', { org: q.organisationId });
    const [rows, total] = await qb.getManyAndCount();
    return Page.of(rows.map(view), total, q);
  }

  async get(id: string): Promise<UserView> {
    const u = await this.ds.getRepository(User).findOneBy({ id });
    if (!u) throw new NotFoundError('User', id);
    return view(u);
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserView> {
    await inTransaction(this.ds, actorIdentity(), async (m) => {
      const u = await m.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!u) throw new NotFoundError('User', id);
      if (dto.displayName !== undefined) u.displayName = dto.displayName.trim();
      if (dto.disabled !== undefined) u.disabledAt = dto.disabled ? (u.disabledAt ?? new Date()) : null;
      await m.getRepository(User).save(u);
      if (dto.disabled) await this.sessions.revokeAll(m, id);
    });
    return this.get(id);
  }

  private async invitation(id: string, token: string): Promise<InvitationView> {
    const u = await this.ds.getRepository(User).findOneByOrFail({ id });
    return { ...view(u), invitationToken: token, invitationExpiresAt: u.invitationExpiresAt! };
  }
}

/** The organisation a role belongs to must be of the matching kind; an admin has none. */
async function checkOrganisation(m: EntityManager, dto: InviteUserDto): Promise<void> {
  const kind = ROLE_ORGANISATION_KIND[dto.role];
  if (kind === null) {
    if (dto.organisationId) throw new RuleViolationError('admin_has_no_organisation', 'An admin belongs to the platform, not to an organisation', [{ field: 'organisationId', reason: 'must be left out for an admin' }]);
    return;
  }
  if (!dto.organisationId) throw new RuleViolationError('organisation_required', `A ${dto.role} belongs to a ${kind}`, [{ field: 'organisationId', reason: `required: a ${kind}` }]);
  const org = await m.getRepository(Organisation).findOneBy({ id: dto.organisationId });
  if (!org) throw new RuleViolationError('unknown_reference', `organisation ${dto.organisationId} does not exist`, [{ field: 'organisationId', reason: 'no such organisation' }]);
  if (org.kind !== kind) {
    throw new RuleViolationError('role_organisation_mismatch', `A ${dto.role} belongs to a ${kind}; ${org.name} is a ${org.kind}`, [{ field: 'organisationId', reason: `must be a ${kind}` }]);
  }
}

export function view(u: User): UserView {
  return {
    id: u.id, email: u.email, displayName: u.displayName, role: u.role, organisationId: u.organisationId,
    status: u.disabledAt ? 'disabled' : u.activatedAt ? 'active' : 'invited', createdAt: u.createdAt, activatedAt: u.activatedAt,
  };
}
