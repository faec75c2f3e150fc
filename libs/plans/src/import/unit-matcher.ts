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

/** Removes the spacing and bracket differences that documents introduce. */
export function normaliseName(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .trim();
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

  constructor(private readonly units: readonly U[]) {
    for (const unit of units) {
      for (const name of new Set([unit.name, unit.shortName, ...unit.aliases].map(normaliseName))) {
        const existing = this.byName.get(name);
        if (existing && existing.id !== unit.id) this.ambiguous.add(name);
        else this.byName.set(name, unit);
      }
    }
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
    const scored = this.units.map((u) => {
      const candidates = [u.shortName, u.name, ...u.aliases].map(normaliseName);
      const contains = candidates.some((c) => c.includes(name) || name.includes(c));
      const distance = Math.min(...candidates.map((c) => editDistance(c, name)));
      return { label: u.shortName === u.name ? u.name : `${u.shortName}（${u.name}）`, score: contains ? distance - 100 : distance };
    });
    return scored
      .sort((a, b) => a.score - b.score || a.label.localeCompare(b.label))
      .slice(0, count)
      .map((s) => s.label);
  }
}
