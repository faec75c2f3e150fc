import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a file a test made (a generated document, its PDF) under test-artifacts/ for people to look at. */
export async function keepArtifact(name: string, bytes: Buffer): Promise<void> {
  const file = path.join(process.cwd(), 'test-artifacts', name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
}
