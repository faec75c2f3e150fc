// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- s3rver ships no types; the API build reaches this file only through the specs
/// <reference path="./s3rver.d.ts" />
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export const TEST_BUCKET = 'evidence';
/** s3rver accepts any key pair it is configured with; these are its documented defaults. */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';

/**
 * An S3-compatible server in the test process (s3rver, on a free loopback port, over a temporary
 * directory). It can be stopped and started again on the same port, for the store-down fault.
 */
export interface TestObjectStore {
  /** The EVIDENCE_* settings that point the application at it. */
  env: Record<string, string>;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startObjectStore(prefix = ''): Promise<TestObjectStore> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'kc-s3-'));
  let port = 0;
  let server: S3rver | null = null;
  const start = async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory,
      configureBuckets: [{ name: TEST_BUCKET }],
    });
    port = (await server.run()).port;
  };
  const stop = async () => {
    await server?.close();
    server = null;
  };
  await start();
  return {
    env: {
      EVIDENCE_STORE: 's3',
      EVIDENCE_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      EVIDENCE_S3_BUCKET: TEST_BUCKET,
      EVIDENCE_S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
      EVIDENCE_S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
      ...(prefix ? { EVIDENCE_S3_PREFIX: prefix } : {}),
    },
    stop,
    start,
    close: async () => {
      await stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
