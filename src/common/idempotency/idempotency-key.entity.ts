import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first answer given to a request carrying an Idempotency-Key, stored in the same transaction
 * as the write it answers, so a replay after a crash or timeout never writes twice.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  /** What the key applies to (route), so one key cannot collide across endpoints. */
  @PrimaryColumn('text') scope: string;
  @PrimaryColumn('text') key: string;
  /** SHA-256 of the request body: the same key with another body is a client error. */
  @Column({ type: 'char', length: 64 }) requestHash: string;
  @Column('smallint') statusCode: number;
  /** json, not jsonb: the text as first sent, keys in their order (migration IdempotencyAnswerText). */
  @Column('json') responseBody: unknown;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
