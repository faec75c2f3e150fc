import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  InsertEvent,
  RemoveEvent,
  SoftRemoveEvent,
  RecoverEvent,
  UpdateEvent,
} from 'typeorm';
import { Clock } from '@app/config';
import { requestContext } from '@app/common';
import { AuditEntry } from './audit-entry.entity.js';

/** Tables whose changes are not domain data: the trail itself, sessions. */
const notAudited = new Set(['audit_log', 'refresh_tokens', 'sessions', 'queue_board_passes']);
/** Columns never copied into the trail: secrets, and published snapshots kept whole in their own table. */
export const notAuditedColumns = new Set(['passwordHash', 'snapshot']);
/** Bookkeeping columns whose change alone is not worth an entry (login attempts). */
const noise = new Set(['failedLogins', 'lockedUntil', 'updatedAt']);

function snapshot(entity: unknown): Record<string, unknown> | null {
  if (!entity || typeof entity !== 'object') return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (!notAuditedColumns.has(key) && typeof value !== 'function') out[key] = value;
  }
  return out;
}

/**
 * Writes an audit entry in the same transaction as every insert, update, soft delete and
 * restore, so no service can change domain data without leaving a trace.
 */
@Injectable()
export class AuditSubscriber implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    dataSource.subscribers.push(this);
  }

  private readonly queues = new WeakMap<object, Promise<unknown>>();

  async afterInsert(event: InsertEvent<object>): Promise<void> {
    await this.write(event.manager, event.metadata.tableName, event.entity, 'create', null, snapshot(event.entity));
  }

  async afterUpdate(event: UpdateEvent<object>): Promise<void> {
    const changed = event.updatedColumns.map((c) => c.propertyName);
    if (changed.length > 0 && changed.every((c) => noise.has(c))) return;
    const before = snapshot(event.databaseEntity);
    const after = { ...(before ?? {}), ...(snapshot(event.entity) ?? {}) };
    await this.write(
      event.manager,
      event.metadata.tableName,
      event.entity ?? event.databaseEntity,
      'update',
      before,
      after,
    );
  }

  async afterSoftRemove(event: SoftRemoveEvent<object>): Promise<void> {
    await this.write(
      event.manager,
      event.metadata.tableName,
      event.entity ?? event.databaseEntity,
      'delete',
      snapshot(event.databaseEntity ?? event.entity),
      null,
    );
  }

  async afterRecover(event: RecoverEvent<object>): Promise<void> {
    await this.write(
      event.manager,
      event.metadata.tableName,
      event.entity ?? event.databaseEntity,
      'restore',
      null,
      snapshot(event.entity),
    );
  }

  async afterRemove(event: RemoveEvent<object>): Promise<void> {
    const id = event.entityId ?? (event.databaseEntity as { id?: unknown } | undefined)?.id;
    await this.write(event.manager, event.metadata.tableName, { id }, 'purge', snapshot(event.databaseEntity), null);
  }

  private async write(
    manager: EntityManager,
    table: string,
    entity: unknown,
    action: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    if (notAudited.has(table)) return;
    // TypeORM runs the subscribers of a multi-row insert at once; one connection takes one query at a time.
    const key: object = manager.queryRunner ?? manager;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.insert(manager, table, entity, action, before, after));
    this.queues.set(
      key,
      next.catch(() => undefined),
    );
    await next;
  }

  private async insert(
    manager: EntityManager,
    table: string,
    entity: unknown,
    action: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    const ctx = requestContext.get();
    const id = (entity as { id?: unknown } | undefined)?.id;
    await manager.insert(AuditEntry, {
      at: this.clock.now(),
      actorUserId: ctx?.actorUserId ?? null,
      actorName: ctx?.actorName ?? '系统',
      cityId: ctx?.actorCityId ?? null,
      requestId: ctx?.requestId ?? null,
      entity: table,
      entityId: id === undefined || id === null ? '' : String(id),
      action,
      before,
      after,
      reason: ctx?.reason ?? null,
    });
  }
}
