import type { EntityManager } from 'typeorm';

/** Advisory-lock class of evidence hashes (the second key is taken from the hash itself). */
const EVIDENCE_LOCK_CLASS = 0x45564944; // 'EVID'

/**
 * Serialises, per file, a transaction that adds a reference with the sweep's check-and-delete:
 * whichever commits first, the other sees it, so the sweep never deletes a file whose new
 * reference is committing. Held until the transaction ends.
 */
export async function lockEvidence(m: EntityManager, sha256: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock($1, ('x' || substr($2, 1, 8))::bit(32)::int)`, [
    EVIDENCE_LOCK_CLASS,
    sha256,
  ]);
}

/**
 * The hashes among `hashes` that no row references. Evidence files are referenced by SHA-256 from
 * reports (report_evidence), from closures of assigned work items (assigned_work_evidence) and
 * from the year-end assessment: files uploaded for a self-assessment leaf (assessment_entry_evidence), and the arrays of hashes that self-assessment and review
 * entries, bonus/penalty/veto events and appeals carry. (Fund
 * performance actuals hold uuids of documents, which cannot name a file here.) One statement per
 * batch: a hash anti-join over the referencing tables.
 */
export async function unreferencedEvidence(m: EntityManager, hashes: string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const rows: { sha256: string }[] = await m.query(
    `WITH referenced(sha256) AS (
       SELECT sha256::text FROM report_evidence
       UNION ALL SELECT sha256::text FROM assigned_work_evidence
       UNION ALL SELECT sha256::text FROM assessment.assessment_entry_evidence
       UNION ALL SELECT unnest(evidence) FROM assessment.assessment_entries
       UNION ALL SELECT unnest(evidence) FROM assessment.assessment_events
       UNION ALL SELECT unnest(evidence) FROM assessment.appeals)
     SELECT c.sha256 FROM unnest($1::text[]) AS c(sha256)
     WHERE NOT EXISTS (SELECT 1 FROM referenced r WHERE r.sha256 = c.sha256)`,
    [hashes],
  );
  return rows.map((r) => r.sha256);
}

/** Metadata rows nothing references any more, recorded before `cutoff`: a page in hash order after `after`. */
export async function unreferencedEvidenceRows(
  m: EntityManager,
  cutoff: Date,
  after: string,
  limit: number,
): Promise<string[]> {
  const rows: { sha256: string }[] = await m.query(
    `SELECT f.sha256::text AS sha256 FROM evidence_files f
     WHERE f.created_at < $1 AND f.sha256 > $2
       AND NOT EXISTS (SELECT 1 FROM report_evidence r WHERE r.sha256 = f.sha256)
       AND NOT EXISTS (SELECT 1 FROM assigned_work_evidence w WHERE w.sha256 = f.sha256)
       AND NOT EXISTS (SELECT 1 FROM assessment.assessment_entry_evidence e WHERE e.sha256 = f.sha256)
       AND NOT EXISTS (SELECT 1 FROM assessment.assessment_entries e WHERE f.sha256::text = ANY (e.evidence))
       AND NOT EXISTS (SELECT 1 FROM assessment.assessment_events e WHERE f.sha256::text = ANY (e.evidence))
       AND NOT EXISTS (SELECT 1 FROM assessment.appeals a WHERE f.sha256::text = ANY (a.evidence))
     ORDER BY f.sha256 LIMIT $3`,
    [cutoff, after, limit],
  );
  return rows.map((r) => r.sha256);
}

/**
 * Records a stored file's metadata once, whichever area's upload brought it: the same bytes
 * attached to a report and to a self-assessment are one file. Call inside the transaction that
 * links the file, after `lockEvidence`.
 */
export async function recordEvidenceFile(
  m: EntityManager,
  file: { sha256: string; size: number; mime: string },
  now: Date,
): Promise<void> {
  await m.query(
    `INSERT INTO evidence_files (sha256, size, mime, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
    [file.sha256, file.size, file.mime, now],
  );
}

/** A stored file's media type and size, or null when no upload recorded it. */
export async function evidenceFileOf(m: EntityManager, sha256: string): Promise<{ mime: string; size: number } | null> {
  const rows: { mime: string; size: string }[] = await m.query(
    `SELECT mime, size::text AS size FROM evidence_files WHERE sha256 = $1`,
    [sha256],
  );
  return rows[0] ? { mime: rows[0].mime, size: Number(rows[0].size) } : null;
}
