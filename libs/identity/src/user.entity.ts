import { Column, Entity, Index } from 'typeorm';
import { type AccessRole, BaseEntity } from '@app/common';

/**
 * A login. A city user's scope is the subtree of `unitId`; roles say what may be done inside it.
 * A platform account has no unit and the one role `platform` (a check in the schema holds both
 * ways: platform ⇔ no unit).
 */
@Entity('users')
@Index('uq_users_username', ['username'], { unique: true })
export class User extends BaseEntity {
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 100, name: 'password_hash', select: false })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 100, name: 'display_name' })
  displayName!: string;

  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  unitId!: string | null;

  /** Where digests and notices go when the account is not linked to a contact that has one. */
  @Column({ type: 'varchar', length: 200, default: '' })
  email!: string;

  @Column({ type: 'uuid', name: 'contact_id', nullable: true })
  contactId!: string | null;

  @Column({ type: 'varchar', array: true, length: 16 })
  roles!: AccessRole[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'integer', name: 'failed_logins', default: 0 })
  failedLogins!: number;

  @Column({ type: 'timestamptz', name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;

  /** Everything except deadline reminders and escalations: sent at once, or in a daily digest. */
  @Column({ type: 'varchar', length: 10, name: 'digest_mode', default: 'immediate' })
  digestMode!: 'immediate' | 'daily';

  /** Tokens issued before this instant are void (password change, reset, disable). */
  @Column({ type: 'timestamptz', name: 'tokens_valid_after', nullable: true })
  tokensValidAfter!: Date | null;
}

/** A user as the API sends it: the password hash is never selected (`select: false`), so it is not part of the view. */
export type UserView = Omit<User, 'passwordHash'>;
