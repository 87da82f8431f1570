import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A replayed answer must be the first one byte for byte (a client may compare or sign the bytes).
 * `jsonb` stores a document's keys in its own order (shortest first), so a replay came back with its
 * keys reordered; `json` keeps the text as written. Answers stored before this migration keep the
 * jsonb order they were already replayed in.
 */
export class IdempotencyAnswerText1795465000000 implements MigrationInterface {
  name = 'IdempotencyAnswerText1795465000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN response_body TYPE json USING response_body::json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN response_body TYPE jsonb USING response_body::jsonb`);
  }
}
