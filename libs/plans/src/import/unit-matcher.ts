/** What the matcher needs of a unit. */
export interface MatchableUnit {
  id: string;
  name: string;
  shortName: string;
  aliases: string[];
  parentId: string | null;
  kind: string;
}

export type MatchResult<U> = { ok: true; unit: U } | { ok: false; suggestions: string[] };

/** A city's named set of units (各县区), as the matcher needs it. */
export interface MatchableGroup {
  name: string;
  unitIds: readonly string[];
}

/** A name in a unit column: one unit, or a group's members (group is then its name). */
export type ResolveResult<U> = { ok: true; units: U[]; group: string | null } | { ok: false; suggestions: string[] };

/** Removes the spacing and bracket differences that documents introduce. */
export function normaliseName(name: string): string {
  return name.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').trim();
}

/** Levenshtein distance over code points; names are short, so the quadratic table is fine. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * Resolves the unit names of a document against one city's registry: full name, short name and
 * true aliases (章贡区人民政府 → 章贡区). An unknown name gets the closest registry names.
 */
export class UnitMatcher<U extends MatchableUnit> {
  private readonly byName = new Map<string, U>();
  private readonly ambiguous = new Set<string>();
  private readonly groups = new Map<string, { name: string; members: U[] }>();

  constructor(
    private readonly units: readonly U[],
    groups: readonly MatchableGroup[] = [],
  ) {
    for (const unit of units) {
      for (const name of new Set([unit.name, unit.shortName, ...unit.aliases].map(normaliseName))) {
        const existing = this.byName.get(name);
        if (existing && existing.id !== unit.id) this.ambiguous.add(name);
        else this.byName.set(name, unit);
      }
    }
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const group of groups) {
      // Members outside the registry read (removed units) drop out rather than fail the import.
      const members = group.unitIds.flatMap((id) => byId.get(id) ?? []);
      this.groups.set(normaliseName(group.name), { name: group.name, members });
    }
  }

  /**
   * A unit by its names, else a group by its name expanded to its members (a unit of the same name
   * wins: the document names it), else the closest unit and group names.
   */
  resolve(raw: string): ResolveResult<U> {
    const single = this.match(raw);
    if (single.ok) return { ok: true, units: [single.unit], group: null };
    const group = this.groups.get(normaliseName(raw));
    if (group) return { ok: true, units: group.members, group: group.name };
    return { ok: false, suggestions: this.closest(normaliseName(raw), 3) };
  }

  match(raw: string): MatchResult<U> {
    const name = normaliseName(raw);
    const unit = this.ambiguous.has(name) ? undefined : this.byName.get(name);
    if (unit) return { ok: true, unit };
    return { ok: false, suggestions: this.closest(name, 3) };
  }

  byId(id: string): U | undefined {
    return this.units.find((u) => u.id === id);
  }

  private closest(name: string, count: number): string[] {
    const score = (label: string, candidates: string[]) => {
      const contains = candidates.some((c) => c.includes(name) || name.includes(c));
      const distance = Math.min(...candidates.map((c) => editDistance(c, name)));
      return { label, score: contains ? distance - 100 : distance };
    };
    const scored = [
      ...this.units.map((u) =>
        score(
          u.shortName === u.name ? u.name : `${u.shortName}（${u.name}）`,
          [u.shortName, u.name, ...u.aliases].map(normaliseName),
        ),
      ),
      ...[...this.groups.entries()].map(([key, g]) => score(`${g.name}（分组）`, [key])),
    ];
    return scored
      .sort((a, b) => a.score - b.score || a.label.localeCompare(b.label))
      .slice(0, count)
      .map((s) => s.label);
  }
}
