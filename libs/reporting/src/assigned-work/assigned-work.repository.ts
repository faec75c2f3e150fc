import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AssignedWorkStatus } from './assigned-work.entity.js';

/** A unit's part in an item as the lists show it, with the item's own fields. */
export interface AssignedWorkPartRow {
  itemId: string;
  content: string;
  basis: string | null;
  dueDate: string;
  planId: string | null;
  taskId: string | null;
  taskTitle: string | null;
  createdAt: Date;
  unitId: string;
  unitName: string;
  unitPath: string;
  unitCityId: string | null;
  status: AssignedWorkStatus;
  closedOn: string | null;
  closedAt: Date | null;
  closeNote: string | null;
  confirmedAt: Date | null;
  returnedAt: Date | null;
  returnReason: string | null;
}

export interface AssignedWorkFileRow {
  itemId: string;
  unitId: string;
  sha256: string;
  filename: string;
  uploadedAt: Date;
}

const PART_COLUMNS = `i.id AS "itemId", i.content, i.basis, to_char(i.due_date, 'YYYY-MM-DD') AS "dueDate",
  i.plan_id AS "planId", i.task_id AS "taskId", t.title AS "taskTitle", i.created_at AS "createdAt",
  p.unit_id AS "unitId", u.short_name AS "unitName", u.path AS "unitPath", u.city_id AS "unitCityId",
  p.status, to_char(p.closed_on, 'YYYY-MM-DD') AS "closedOn", p.closed_at AS "closedAt", p.close_note AS "closeNote",
  p.confirmed_at AS "confirmedAt", p.returned_at AS "returnedAt", p.return_reason AS "returnReason"`;

const PART_SOURCE = `assigned_work_units p
  JOIN assigned_work_items i ON i.id = p.item_id
  JOIN organisation.units u ON u.id = p.unit_id
  LEFT JOIN plans.tasks t ON t.id = i.task_id`;

/** The only code that queries the assigned-work tables. */
@Injectable()
export class AssignedWorkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every part of the city's items in units under `scopePath` (the city's root path for the office),
   * optionally one unit's or one status's, by due date. A city has hundreds of items a year, not
   * millions: the overdue filter, which is the domain's rule, runs on the rows.
   */
  parts(
    filter: { cityId: string; scopePath: string; unitId?: string; statuses?: readonly AssignedWorkStatus[] },
    m: EntityManager = this.dataSource.manager,
  ): Promise<AssignedWorkPartRow[]> {
    return m.query(
      `SELECT ${PART_COLUMNS} FROM ${PART_SOURCE}
       WHERE i.city_id = $1 AND starts_with(u.path, $2)
         AND ($3::uuid IS NULL OR p.unit_id = $3) AND ($4::text[] IS NULL OR p.status = ANY($4))
       ORDER BY i.due_date, i.created_at, i.id, u.sort_order, u.short_name`,
      [filter.cityId, filter.scopePath, filter.unitId ?? null, filter.statuses ?? null],
    );
  }

  /** The parts of one item, whoever may see them. */
  partsOfItem(itemId: string, m: EntityManager = this.dataSource.manager): Promise<AssignedWorkPartRow[]> {
    return m.query(`SELECT ${PART_COLUMNS} FROM ${PART_SOURCE} WHERE i.id = $1 ORDER BY u.sort_order, u.short_name`, [
      itemId,
    ]);
  }

  files(
    parts: readonly { itemId: string; unitId: string }[],
    m: EntityManager = this.dataSource.manager,
  ): Promise<AssignedWorkFileRow[]> {
    if (parts.length === 0) return Promise.resolve([]);
    return m.query(
      `SELECT e.item_id AS "itemId", e.unit_id AS "unitId", e.sha256, e.filename, e.uploaded_at AS "uploadedAt"
       FROM assigned_work_evidence e
       JOIN unnest($1::uuid[], $2::uuid[]) AS k(item_id, unit_id) ON k.item_id = e.item_id AND k.unit_id = e.unit_id
       ORDER BY e.uploaded_at, e.filename`,
      [parts.map((p) => p.itemId), parts.map((p) => p.unitId)],
    );
  }

  /** The plan a live task of the plan belongs to, or null. */
  async taskPlan(taskId: string, m: EntityManager = this.dataSource.manager): Promise<string | null> {
    const rows: { planId: string }[] = await m.query(
      `SELECT plan_id AS "planId" FROM plans.tasks WHERE id = $1 AND deleted_at IS NULL`,
      [taskId],
    );
    return rows[0]?.planId ?? null;
  }
}
