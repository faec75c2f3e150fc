import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Group-chat robots (企业微信 / 钉钉) per plan or unit, and the posts made to them. */
export class NotificationChannels1700000010750 implements MigrationInterface {
  name = 'NotificationChannels1700000010750';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_channels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        city_id uuid NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('wecom', 'dingtalk')),
        name varchar(100) NOT NULL,
        webhook_sealed text NOT NULL,
        secret_sealed text,
        webhook_hint varchar(120) NOT NULL,
        scope varchar(10) NOT NULL CHECK (scope IN ('plan', 'unit')),
        plan_id uuid,
        unit_id uuid,
        enabled boolean NOT NULL DEFAULT true,
        mention_by_phone boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_notification_channels_scope CHECK (
          (scope = 'plan' AND plan_id IS NOT NULL AND unit_id IS NULL) OR (scope = 'unit' AND unit_id IS NOT NULL AND plan_id IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_notification_channels_city ON notification_channels (city_id)`);
    await q.query(`
      CREATE TABLE channel_posts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key varchar(300) NOT NULL,
        channel_id uuid NOT NULL REFERENCES notification_channels(id) ON DELETE CASCADE,
        city_id uuid NOT NULL,
        kind varchar(20) NOT NULL,
        message jsonb NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unknown')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        enqueued_at timestamptz,
        claimed_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_channel_posts_key ON channel_posts (idempotency_key)`);
    await q.query(`CREATE INDEX ix_channel_posts_status ON channel_posts (status, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE channel_posts`);
    await q.query(`DROP TABLE notification_channels`);
  }
}
