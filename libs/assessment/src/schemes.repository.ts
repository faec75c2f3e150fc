import type { EntityManager } from 'typeorm';
import { type LeafSource, Scheme, type SchemeKind, type SchemeStatus } from './entities/scheme.entity.js';

/*
 * The assessment library's schemes for other areas: a fund's performance evaluation is scored by a
 * scheme of kind `fund`, which the funds library looks up and, for a year's first evaluation, seeds
 * here (inside its own transaction, hence the manager). Nothing outside this library writes schemes.
 */

/** The scheme a stored row points to: its absence is a broken reference, not a user error. */
export function getScheme(m: EntityManager, id: string): Promise<Scheme> {
  return m.getRepository(Scheme).findOneByOrFail({ id });
}

/** A city's scheme of a kind for a year: its active version, else the newest. */
export function activeOrNewestScheme(
  m: EntityManager,
  of: { cityId: string; kind: SchemeKind; year: number },
): Promise<Scheme | null> {
  return m
    .getRepository(Scheme)
    .createQueryBuilder('s')
    .where('s.city_id = :city AND s.kind = :kind AND s.year = :year', { city: of.cityId, kind: of.kind, year: of.year })
    .orderBy(`CASE WHEN s.status = 'active' THEN 0 ELSE 1 END`)
    .addOrderBy('s.version', 'DESC')
    .getOne();
}

/**
 * Version 1 of a scheme, unless the city already has that code's version 1: two first
 * evaluations at once seed one scheme (the unique city, code and version decides).
 */
export async function createFirstSchemeVersion(
  m: EntityManager,
  scheme: {
    cityId: string;
    code: string;
    name: string;
    kind: SchemeKind;
    year: number;
    status: SchemeStatus;
    definition: object;
    inputMap: Record<string, LeafSource>;
  },
): Promise<void> {
  await m.query(
    `INSERT INTO schemes (city_id, code, name, kind, year, version, status, definition, input_map)
     VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [
      scheme.cityId,
      scheme.code,
      scheme.name,
      scheme.kind,
      scheme.year,
      scheme.status,
      JSON.stringify(scheme.definition),
      JSON.stringify(scheme.inputMap),
    ],
  );
}
