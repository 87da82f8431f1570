import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentActor } from '../access/request-context';
import { named } from '../access/sql-binder';
import { auditVisibleSql } from '../access/visibility.sql';
import { Page } from '../common/pagination/page';
import { AuditEntry } from './audit-entry.entity';
import { auditEntryFor } from './audit-readers';
import { AuditQuery } from './audit.dto';

/** Reads the audit log; nothing here (nor anywhere in the API) writes or changes it: the triggers do. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(q: AuditQuery): Promise<Page<AuditEntry>> {
    const actor = currentActor();
    const qb = this.ds.getRepository(AuditEntry).createQueryBuilder('l');
    qb.where(auditVisibleSql(actor, 'l', named(qb)));
    if (q.entity) qb.andWhere('l.entity = :entity', { entity: q.entity });
    if (q.entityId) qb.andWhere('l.entity_id = :entityId', { entityId: q.entityId });
    if (q.actorUserId) qb.andWhere('l.actor_user_id = :actor', { actor: q.actorUserId });
    if (q.from) qb.andWhere('l.at >= :from', { from: q.from });
    if (q.to) qb.andWhere('l.at < :to', { to: q.to });
    const [items, total] = await qb.orderBy('l.id', 'DESC').skip(q.offset).take(q.pageSize).getManyAndCount();
    return Page.of(items.map((e) => auditEntryFor(actor, e)), total, q);
  }
}
