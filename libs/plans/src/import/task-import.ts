import type { EntityManager } from 'typeorm';
import {
  type Contact,
  createLiaison,
  findContacts,
  findUnits,
  liaisonsOfUnits,
  type Unit,
  unitGroupsOfCity,
  unitsUnderCity,
} from '@app/organisation';
import { Assignment, AssignmentLiaison, type AssignmentRole } from '../entities/assignment.entity.js';
import type { Plan } from '../entities/plan.entity.js';
import { PlanSection } from '../entities/plan-section.entity.js';
import { Task } from '../entities/task.entity.js';
import type { LiaisonEntry, TaskSheetRow } from '../spreadsheets/index.js';
import type { ParsedSheet } from '@app/spreadsheets';
import { fieldChanges, type ImportChange, type ImportProblem } from '@app/spreadsheets';
import { UnitMatcher } from './unit-matcher.js';

interface DesiredLiaison {
  /** Existing contact, or the fields of one to create. */
  contactId: string | null;
  create: { unitId: string; workplaceUnitId: string | null; section: string; name: string; phone: string } | null;
  label: string;
}

interface DesiredAssignment {
  unitId: string;
  unitLabel: string;
  role: AssignmentRole;
  liaisons: DesiredLiaison[];
}

interface DesiredTask {
  number: number;
  sectionNumber: string;
  sectionTitle: string;
  title: string;
  requirement: string;
  assignments: DesiredAssignment[];
}

export interface TaskImportPlan {
  tasks: DesiredTask[];
  problems: ImportProblem[];
  changes: ImportChange[];
  /** One line per unit group the sheet names, with the units it stands for. */
  expansions: string[];
}

/** 具体任务及要求 starts with the task's name up to the first full stop. */
export function taskTitle(text: string): string {
  const end = text.indexOf('。');
  return (end > 0 ? text.slice(0, end) : text).slice(0, 300);
}

type CityUnit = Pick<Unit, 'id' | 'name' | 'shortName' | 'aliases' | 'parentId' | 'kind' | 'path'>;

/** Reads the registry and the plan as they are, then works out what the sheet asks for. */
export async function planTaskImport(
  m: EntityManager,
  plan: Plan,
  sheet: ParsedSheet<TaskSheetRow>,
): Promise<TaskImportPlan> {
  const units: CityUnit[] = await unitsUnderCity(m, plan.cityId);
  const groups = await unitGroupsOfCity(m, plan.cityId);
  const matcher = new UnitMatcher(units, groups);
  const expanded = new Map<string, string[]>();
  const unitById = new Map(units.map((u) => [u.id, u]));
  const contacts = await liaisonsOfUnits(
    m,
    units.map((u) => u.id),
  );
  const problems: ImportProblem[] = sheet.problems.map((p) => ({ ...p }));
  const tasks: DesiredTask[] = [];

  for (const { row, value } of sheet.rows) {
    const problem = (column: string, message: string) => problems.push({ sheet: sheet.sheet, row, column, message });
    const assignments: DesiredAssignment[] = [];
    // Units a group brought in: naming one of them again (by name or another group) is no error.
    const viaGroup = new Set<string>();
    const resolve = (names: string[], role: AssignmentRole, column: string) => {
      for (const name of names) {
        const resolved = matcher.resolve(name);
        if (!resolved.ok) {
          problem(
            column,
            `单位“${name}”不在组织机构中${resolved.suggestions.length ? `，是否为：${resolved.suggestions.join('、')}` : ''}`,
          );
          continue;
        }
        if (resolved.group !== null) {
          expanded.set(
            resolved.group,
            resolved.units.map((u) => u.shortName),
          );
          if (resolved.units.length === 0) problem(column, `单位分组“${resolved.group}”没有成员`);
        }
        for (const unit of resolved.units) {
          const taken = assignments.some((a) => a.unitId === unit.id);
          if (taken && resolved.group === null && !viaGroup.has(unit.id))
            problem(column, `单位“${name}”在本任务中重复出现`);
          if (taken) continue;
          if (resolved.group !== null) viaGroup.add(unit.id);
          assignments.push({ unitId: unit.id, unitLabel: unit.shortName, role, liaisons: [] });
        }
      }
    };
    resolve(value.leadUnits, 'lead', '牵头单位');
    resolve(value.responsibleUnits, 'responsible', '责任单位');
    if (value.leadUnits.length === 0) problem('牵头单位', '缺少牵头单位');

    for (const entry of value.liaisons) {
      const located = locateLiaison(entry, assignments, matcher, unitById, contacts);
      if ('error' in located) {
        problem('联络员', located.error);
        continue;
      }
      const { assignment, workplace } = located;
      const workplaceUnitId = workplace.id === assignment.unitId ? null : workplace.id;
      const existing = contacts.find(
        (c) =>
          c.unitId === assignment.unitId &&
          c.section === entry.section &&
          (c.workplaceUnitId ?? null) === workplaceUnitId,
      );
      const label = `${workplace.shortName}${entry.section ? ` ${entry.section}` : ''}`;
      if (assignment.liaisons.some((l) => l.label === label)) continue;
      assignment.liaisons.push(
        existing
          ? { contactId: existing.id, create: null, label }
          : {
              contactId: null,
              create: {
                unitId: assignment.unitId,
                workplaceUnitId,
                section: entry.section,
                name: entry.name || `联络员（${workplace.shortName}）`,
                phone: entry.phone,
              },
              label,
            },
      );
    }
    tasks.push({
      number: value.number,
      sectionNumber: value.sectionNumber,
      sectionTitle: value.section,
      title: taskTitle(value.text),
      requirement: value.text,
      assignments,
    });
  }

  const changes = problems.length > 0 ? [] : await diffTasks(m, plan, tasks);
  const expansions = [...expanded].map(
    ([group, members]) => `单位分组“${group}”展开为 ${members.length} 个单位：${members.join('、')}`,
  );
  return { tasks, problems, changes, expansions };
}

/**
 * A liaison entry names where the person sits. It serves the task's unit of that name, the unit
 * above it (章贡区科技局 serves 章贡区), or the unit it is already recorded as serving
 * (市委组织部 市人才服务中心 serves 市委人才办).
 */
function locateLiaison(
  entry: LiaisonEntry,
  assignments: DesiredAssignment[],
  matcher: UnitMatcher<CityUnit>,
  unitById: Map<string, CityUnit>,
  contacts: Contact[],
): { assignment: DesiredAssignment; workplace: CityUnit } | { error: string } {
  const match = matcher.match(entry.unit);
  if (!match.ok) {
    return {
      error: `联络员单位“${entry.unit}”不在组织机构中${match.suggestions.length ? `，是否为：${match.suggestions.join('、')}` : ''}`,
    };
  }
  const workplace = match.unit;
  const direct = assignments.find((a) => a.unitId === workplace.id);
  if (direct) return { assignment: direct, workplace };
  for (let parent = workplace.parentId; parent; parent = unitById.get(parent)?.parentId ?? null) {
    const above = assignments.find((a) => a.unitId === parent);
    if (above) return { assignment: above, workplace };
  }
  const served = assignments.find((a) =>
    contacts.some(
      (c) =>
        c.unitId === a.unitId && c.workplaceUnitId === workplace.id && (!entry.section || c.section === entry.section),
    ),
  );
  if (served) return { assignment: served, workplace };
  return { error: `联络员单位“${entry.unit}”与本任务的牵头单位、责任单位都不对应` };
}

interface ExistingTask {
  task: Task;
  section: PlanSection | undefined;
  assignments: { assignment: Assignment; liaisonIds: string[] }[];
}

async function loadExisting(m: EntityManager, planId: string): Promise<Map<number, ExistingTask>> {
  const sections = await m.getRepository(PlanSection).findBy({ planId });
  const tasks = await m.getRepository(Task).findBy({ planId });
  const assignments = tasks.length
    ? await m
        .getRepository(Assignment)
        .createQueryBuilder('a')
        .where('a.task_id IN (:...ids)', { ids: tasks.map((t) => t.id) })
        .getMany()
    : [];
  const liaisons = assignments.length
    ? await m
        .getRepository(AssignmentLiaison)
        .createQueryBuilder('l')
        .where('l.assignment_id IN (:...ids)', { ids: assignments.map((a) => a.id) })
        .getMany()
    : [];
  const out = new Map<number, ExistingTask>();
  for (const task of tasks) {
    out.set(task.number, {
      task,
      section: sections.find((s) => s.id === task.sectionId),
      assignments: assignments
        .filter((a) => a.taskId === task.id)
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((assignment) => ({
          assignment,
          liaisonIds: liaisons
            .filter((l) => l.assignmentId === assignment.id)
            .map((l) => l.contactId)
            .sort(),
        })),
    });
  }
  return out;
}

/** How the preview names units and contacts: by name, as the sheet does, never by id. */
interface Names {
  unit: (id: string) => string;
  contact: (id: string) => string;
}

const roleLabel = (role: AssignmentRole) => (role === 'lead' ? '牵头' : '责任');

function shape(task: DesiredTask, names: Names) {
  return {
    section: `${task.sectionNumber} ${task.sectionTitle}`,
    title: task.title,
    requirement: task.requirement,
    assignments: task.assignments.map((a) => `${roleLabel(a.role)}：${names.unit(a.unitId)}`),
    liaisons: task.assignments.map(
      (a) =>
        `${names.unit(a.unitId)}：${a.liaisons
          .map((l) => (l.contactId ? names.contact(l.contactId) : `${l.label}（新建）`))
          .sort()
          .join('、')}`,
    ),
  };
}

/** Names of every unit and contact the comparison mentions, read once for the whole sheet. */
async function namesFor(
  m: EntityManager,
  desired: DesiredTask[],
  existing: Awaited<ReturnType<typeof loadExisting>>,
): Promise<Names> {
  const unitIds = new Set<string>();
  const contactIds = new Set<string>();
  for (const task of desired)
    for (const a of task.assignments) {
      unitIds.add(a.unitId);
      for (const l of a.liaisons) if (l.contactId) contactIds.add(l.contactId);
    }
  for (const current of existing.values())
    for (const a of current.assignments) {
      unitIds.add(a.assignment.unitId);
      for (const id of a.liaisonIds) contactIds.add(id);
    }
  const units = new Map((await findUnits(m, [...unitIds])).map((u) => [u.id, u.shortName || u.name]));
  const contacts = new Map(
    (await findContacts(m, [...contactIds])).map((c) => [c.id, [c.name, c.phone].filter(Boolean).join(' ')]),
  );
  return {
    unit: (id) => units.get(id) ?? '（已删除的单位）',
    contact: (id) => contacts.get(id) ?? '（已删除的联系人）',
  };
}

async function diffTasks(m: EntityManager, plan: Plan, desired: DesiredTask[]): Promise<ImportChange[]> {
  const existing = await loadExisting(m, plan.id);
  const names = await namesFor(m, desired, existing);
  const changes: ImportChange[] = [];
  for (const task of desired) {
    const current = existing.get(task.number);
    const label = `任务${task.number}：${task.title}`;
    if (!current) {
      changes.push({ key: String(task.number), label, action: 'create', changes: [] });
      continue;
    }
    const before = {
      section: current.section ? `${current.section.number} ${current.section.title}` : '',
      title: current.task.title,
      requirement: current.task.requirement,
      assignments: current.assignments.map(
        (a) => `${roleLabel(a.assignment.role)}：${names.unit(a.assignment.unitId)}`,
      ),
      liaisons: current.assignments.map(
        (a) => `${names.unit(a.assignment.unitId)}：${a.liaisonIds.map(names.contact).sort().join('、')}`,
      ),
    };
    const diff = fieldChanges(before, shape(task, names));
    changes.push({ key: String(task.number), label, action: diff.length ? 'update' : 'unchanged', changes: diff });
  }
  return changes;
}

/** Writes the desired tasks: sections, tasks, assignments and liaisons, as one upsert by number. */
export async function applyTaskImport(m: EntityManager, plan: Plan, desired: DesiredTask[]): Promise<void> {
  const existing = await loadExisting(m, plan.id);
  const sectionRepo = m.getRepository(PlanSection);
  const sections = new Map((await sectionRepo.findBy({ planId: plan.id })).map((s) => [s.number, s]));
  let sectionOrder = sections.size;
  const createdContacts = new Map<string, string>();
  for (const task of desired) {
    let section = sections.get(task.sectionNumber);
    if (!section) {
      section = await sectionRepo.save(
        sectionRepo.create({
          planId: plan.id,
          number: task.sectionNumber,
          title: task.sectionTitle,
          sortOrder: ++sectionOrder,
        }),
      );
      sections.set(task.sectionNumber, section);
    } else if (section.title !== task.sectionTitle) {
      section.title = task.sectionTitle;
      section = await sectionRepo.save(section);
    }
    const current = existing.get(task.number);
    if (current && JSON.stringify(shapeOf(current, section)) === JSON.stringify(desiredShape(task, section))) continue;
    const taskRepo = m.getRepository(Task);
    const saved = current
      ? await taskRepo.save(
          Object.assign(current.task, { title: task.title, requirement: task.requirement, sectionId: section.id }),
        )
      : await taskRepo.save(
          taskRepo.create({
            planId: plan.id,
            number: task.number,
            title: task.title,
            requirement: task.requirement,
            sectionId: section.id,
            milestones: [],
          }),
        );
    await applyAssignments(m, saved, task.assignments, current?.assignments ?? [], createdContacts);
  }
}

function shapeOf(current: ExistingTask, section: PlanSection) {
  return [
    current.task.title,
    current.task.requirement,
    current.task.sectionId === section.id,
    current.assignments.map((a) => [a.assignment.unitId, a.assignment.role, a.liaisonIds]),
  ];
}
function desiredShape(task: DesiredTask, _section: PlanSection) {
  return [
    task.title,
    task.requirement,
    true,
    task.assignments.map((a) => [a.unitId, a.role, a.liaisons.map((l) => l.contactId ?? 'new').sort()]),
  ];
}

async function applyAssignments(
  m: EntityManager,
  task: Task,
  desired: DesiredAssignment[],
  current: { assignment: Assignment; liaisonIds: string[] }[],
  createdContacts: Map<string, string>,
): Promise<void> {
  const repo = m.getRepository(Assignment);
  const links = m.getRepository(AssignmentLiaison);
  const stale = current.filter((c) => !desired.some((d) => d.unitId === c.assignment.unitId));
  if (stale.length) await repo.remove(stale.map((s) => s.assignment));
  for (const [index, want] of desired.entries()) {
    const have = current.find((c) => c.assignment.unitId === want.unitId);
    const assignment = have
      ? have.assignment.role === want.role && have.assignment.sortOrder === index
        ? have.assignment
        : await repo.save(Object.assign(have.assignment, { role: want.role, sortOrder: index }))
      : await repo.save(
          repo.create({
            taskId: task.id,
            unitId: want.unitId,
            role: want.role,
            sortOrder: index,
            active: true,
            startsOn: null,
          }),
        );
    const contactIds: string[] = [];
    for (const liaison of want.liaisons) {
      if (liaison.contactId) {
        contactIds.push(liaison.contactId);
      } else if (liaison.create) {
        // Several tasks name the same new liaison: create it once per import.
        const key = `${liaison.create.unitId}|${liaison.create.workplaceUnitId ?? ''}|${liaison.create.section}`;
        let id = createdContacts.get(key);
        if (!id) {
          id = await createLiaison(m, liaison.create);
          createdContacts.set(key, id);
        }
        liaison.contactId = id;
        contactIds.push(id);
      }
    }
    const before = have?.liaisonIds ?? [];
    const removed = before.filter((id) => !contactIds.includes(id));
    const added = contactIds.filter((id) => !before.includes(id));
    if (removed.length) await links.delete(removed.map((contactId) => ({ assignmentId: assignment.id, contactId })));
    if (added.length) await links.insert(added.map((contactId) => ({ assignmentId: assignment.id, contactId })));
  }
}
