import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword, User } from '@app/identity';
import { Unit, type UnitKind } from '@app/organisation';
import type { Role } from '@app/common';

/** Inserts a unit under `parent` (or as a root) the way the service would lay out its path. */
export async function makeUnit(
  db: DataSource,
  fields: { code: string; name: string; kind: UnitKind; parent?: Unit | null },
): Promise<Unit> {
  const id = randomUUID();
  const parent = fields.parent ?? null;
  return db.getRepository(Unit).save({
    id,
    code: fields.code,
    name: fields.name,
    shortName: fields.name,
    kind: fields.kind,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    cityId: fields.kind === 'city' ? id : (parent?.cityId ?? null),
    aliases: [],
    sortOrder: 0,
    active: true,
  });
}

export async function makeUser(db: DataSource, fields: { username: string; unit: Unit; roles: Role[]; password?: string }): Promise<User> {
  return db.getRepository(User).save({
    username: fields.username,
    passwordHash: await hashPassword(fields.password ?? 'Demo@2023'),
    displayName: fields.username,
    unitId: fields.unit.id,
    contactId: null,
    roles: fields.roles,
    active: true,
  });
}
