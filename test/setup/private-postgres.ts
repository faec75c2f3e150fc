import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes.js';

const run = promisify(execFile);
const USER = 'kechuang';

/**
 * A PostgreSQL server of one test's own (initdb into a temporary directory, pg_ctl on a free
 * loopback port), for faults that must never touch the machine's shared cluster: the test may stop,
 * restart and kill it at will.
 */
export interface PrivatePostgres {
  port: number;
  /** Server URL without a database name. */
  url: string;
  /** Stops the server at once (`pg_ctl stop -m fast`): sessions are ended, new connections refused. */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** Stops the server and removes its data directory. */
  destroy: () => Promise<void>;
}

/** initdb and pg_ctl: on PATH, or in Debian's versioned directory. */
function binary(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const candidate = path.join(debian, version, 'bin', name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} not found: install PostgreSQL's server package`);
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` OS user. */
async function asServerUser(command: string, args: string[]): Promise<void> {
  const root = process.getuid?.() === 0;
  await run(root ? 'runuser' : command, root ? ['-u', 'postgres', '--', command, ...args] : args, { timeout: 60_000 });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kc-private-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  await asServerUser(binary('initdb'), ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const pgCtl = binary('pg_ctl');
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = (): Promise<void> =>
    asServerUser(pgCtl, ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', 'start']);
  const stop = (): Promise<void> => asServerUser(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  return {
    port,
    url: `postgres://${USER}@127.0.0.1:${port}`,
    start,
    stop,
    async destroy() {
      await stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Copies a database of the shared cluster (read only there) into the private server. */
export async function copyDatabase(fromUrl: string, to: PrivatePostgres, name: string): Promise<string> {
  await run('psql', ['-q', '-d', `${to.url}/postgres`, '-c', `CREATE DATABASE "${name}"`]);
  const target = `${to.url}/${name}`;
  await run(
    'bash',
    [
      '-o',
      'pipefail',
      '-c',
      'pg_dump --no-owner --no-privileges -d "$1" | psql -q -v ON_ERROR_STOP=1 -d "$2"',
      '_',
      fromUrl,
      target,
    ],
    {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    },
  );
  return target;
}
