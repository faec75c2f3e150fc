import type { EntityManager } from 'typeorm';
import type { CityOffice, Recipient, UnitContact } from './recipients.js';

/*
 * Who a message reaches, read from what organisation, plans and identity publish (their views
 * `organisation.contacts`, `plans.assignment_liaisons`, `identity.users` …), one statement for
 * every unit or user at once.
 */

/**
 * Contacts of the given roles serving these units, and the named liaisons of these assignments
 * (counted for the assignment's unit), each with the user account linked to it, if any.
 */
export async function unitContacts(
  m: EntityManager,
  unitIds: string[],
  roles: string[],
  assignmentIds: string[],
): Promise<(UnitContact & { role: string })[]> {
  if (unitIds.length === 0) return [];
  return m.query(
    `WITH linked AS (
       SELECT DISTINCT ON (contact_id) contact_id, id, digest_mode FROM identity.users
       WHERE active AND contact_id IS NOT NULL ORDER BY contact_id, created_at
     )
     SELECT c.id AS "contactId", c.unit_id AS "unitId", c.role, c.name, c.email, NULL::uuid AS "assignmentId",
            l.id AS "userId", l.digest_mode AS "digestMode"
     FROM organisation.contacts c LEFT JOIN linked l ON l.contact_id = c.id
     WHERE c.unit_id = ANY($1::uuid[]) AND c.role = ANY($2::varchar[]) AND c.active AND c.deleted_at IS NULL
     UNION ALL
     SELECT c.id, a.unit_id, 'liaison', c.name, c.email, a.id, l.id, l.digest_mode
     FROM plans.assignment_liaisons al
     JOIN plans.assignments a ON a.id = al.assignment_id
     JOIN organisation.contacts c ON c.id = al.contact_id AND c.active AND c.deleted_at IS NULL
     LEFT JOIN linked l ON l.contact_id = c.id
     WHERE al.assignment_id = ANY($3::uuid[]) AND 'liaison' = ANY($2::varchar[])`,
    [unitIds, roles, assignmentIds],
  );
}

/** Active office users of these cities, with their linked contact's email or else their own. */
export async function officeUsers(m: EntityManager, cityIds: string[]): Promise<(Recipient & { cityId: string })[]> {
  if (cityIds.length === 0) return [];
  return m.query(
    `SELECT usr.id AS "userId", usr.display_name AS name, usr.digest_mode AS "digestMode", un.city_id AS "cityId",
            c.id AS "contactId", COALESCE(NULLIF(c.email, ''), NULLIF(usr.email, ''), '') AS email
     FROM identity.users usr
     JOIN organisation.units un ON un.id = usr.unit_id
     LEFT JOIN organisation.contacts c ON c.id = usr.contact_id AND c.active AND c.deleted_at IS NULL
     WHERE usr.active AND 'office' = ANY(usr.roles) AND un.city_id = ANY($1::uuid[])
     ORDER BY usr.username`,
    [cityIds],
  );
}

/** Users (active), each with their linked contact's email or else their own. */
export async function usersWithEmail(
  m: EntityManager,
  userIds: string[],
): Promise<(Recipient & { cityId: string | null })[]> {
  if (userIds.length === 0) return [];
  return m.query(
    `SELECT usr.id AS "userId", usr.display_name AS name, usr.digest_mode AS "digestMode", un.city_id AS "cityId",
            c.id AS "contactId", COALESCE(NULLIF(c.email, ''), NULLIF(usr.email, ''), '') AS email
     FROM identity.users usr JOIN organisation.units un ON un.id = usr.unit_id
     LEFT JOIN organisation.contacts c ON c.id = usr.contact_id AND c.active AND c.deleted_at IS NULL
     WHERE usr.active AND usr.id = ANY($1::uuid[])`,
    [userIds],
  );
}

/** Full names of these units, removed ones included (old messages still name them). */
export async function unitNames(m: EntityManager, unitIds: string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows: { id: string; name: string }[] = await m.query(
    `SELECT id, name FROM organisation.units WHERE id = ANY($1::uuid[])`,
    [unitIds],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Each city's leadership group office (the unit of kind office under it), with a phone of one of its contacts:
 * whom a recipient without an account is told to contact.
 */
export async function cityOffices(m: EntityManager, cityIds: string[]): Promise<Map<string, CityOffice>> {
  if (cityIds.length === 0) return new Map();
  const rows: (CityOffice & { cityId: string })[] = await m.query(
    `SELECT DISTINCT ON (u.city_id) u.city_id AS "cityId", u.name, c.phone
     FROM organisation.units u
     LEFT JOIN LATERAL (
       SELECT phone FROM organisation.contacts c
       WHERE c.unit_id = u.id AND c.active AND c.deleted_at IS NULL AND c.phone <> ''
       ORDER BY c.role = 'liaison' DESC, c.id LIMIT 1
     ) c ON true
     WHERE u.kind = 'office' AND u.city_id = ANY($1::uuid[]) AND u.active AND u.deleted_at IS NULL
     ORDER BY u.city_id, u.path`,
    [cityIds],
  );
  return new Map(rows.map(({ cityId, ...office }) => [cityId, office]));
}
