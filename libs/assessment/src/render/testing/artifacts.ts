import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ARTIFACTS = path.join(process.cwd(), 'test-artifacts');

/** Writes a file a test made (a generated document, its PDF) under test-artifacts/ for people to look at. */
export async function keepArtifact(name: string, bytes: Buffer): Promise<void> {
  const file = path.join(ARTIFACTS, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
}

/**
 * Keeps a PDF and an image of each of its first pages (pdftoppm, Debian's poppler-utils, which the test
 * command installs): `documents/<name>.pdf`, `documents/<name>-1.png` ….
 */
export async function keepPageImages(name: string, pdf: Buffer, pages = 3): Promise<void> {
  await keepArtifact(`documents/${name}.pdf`, pdf);
  const base = path.join(ARTIFACTS, 'documents', name);
  await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', String(pages), `${base}.pdf`, base], { timeout: 60_000 });
}
