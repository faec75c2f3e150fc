// The organisation registry as the web app reads it: one tree read, built into nested options.
import { useQuery } from '@tanstack/react-query';
import { answer, client } from './api/client';
import { keys } from './queries';
import type { Unit } from './api/types';

export type { Unit };

export const unitKindLabels: Record<string, string> = {
  province: '省',
  city: '市',
  leadership_group: '领导小组',
  office: '领导小组办公室',
  department: '市直单位',
  county: '县（市、区）',
  enterprise: '企业集团',
  institution: '事业单位/科研院所',
  sub_unit: '下属单位',
};

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** Parents come before children in the API's order; a unit whose parent is not visible is a root. */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map(units.map((u) => [u.id, { unit: u, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export interface UnitOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: UnitOption[];
}

/** Nested options for a TreeSelect; `disabled` greys out units that cannot be chosen (e.g. a unit's own subtree when moving it). */
export function unitOptions(units: Unit[], disabled?: (u: Unit) => boolean): UnitOption[] {
  const walk = (nodes: UnitNode[]): UnitOption[] =>
    nodes.map((n) => ({
      value: n.unit.id,
      title: n.unit.active ? n.unit.shortName : `${n.unit.shortName}（已停用）`,
      disabled: disabled?.(n.unit),
      children: walk(n.children),
    }));
  return walk(buildUnitTree(units));
}

/** The visible units, parents first; `enabled = false` skips the read for pages that only sometimes need it. */
export function useUnits(enabled = true) {
  return useQuery({ queryKey: keys.unitTree(), queryFn: () => answer(client.GET('/api/units/tree')), enabled });
}

/** One unit, or null when it cannot be read (the page then names it generically). */
export function useUnit(unitId: string | undefined) {
  return useQuery({
    queryKey: keys.unit(unitId ?? ''),
    queryFn: () => answer(client.GET('/api/units/{id}', { params: { path: { id: unitId ?? '' } } })).catch(() => null),
    enabled: !!unitId,
  });
}
