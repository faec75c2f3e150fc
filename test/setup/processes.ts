import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  stop: (signal?: NodeJS.Signals) => Promise<number | string>;
}

/** Starts the worker from source as its own OS process, as production runs it. */
export function spawnWorker(env: Record<string, string>, cwd = root): RunningProcess {
  return spawnFromSource('apps/worker/src/main.ts', env, cwd);
}

/**
 * Starts the API from source as its own OS process (main.ts: API_PROCESSES of them behind one
 * primary). It needs a signing key and a PORT in `env`; see apiReady for when it answers.
 */
export function spawnApi(env: Record<string, string>, cwd = root): RunningProcess {
  return spawnFromSource('apps/api/src/main.ts', env, cwd);
}

/**
 * How long a worker started from TypeScript sources may take to come up. A few seconds alone; with the e2e specs two
 * files at a time, two or three processes compile the sources at once on a 2-core machine, and 20 s ran out. Specs
 * with a longer test timeout give it longer still.
 */
export const WORKER_START_MS = 45_000;

/** Resolves once every given worker has registered its schedules (it then consumes every queue). */
export async function workersStarted(
  workers: RunningProcess | readonly RunningProcess[],
  timeoutMs = WORKER_START_MS,
): Promise<void> {
  const all = Array.isArray(workers) ? workers : [workers as RunningProcess];
  await waitFor(
    async () => all.every((w) => w.output().includes('job schedulers registered')),
    all.length === 1 ? 'the worker to start' : `${all.length} workers to start`,
    timeoutMs,
  );
}

/** Resolves once GET /health on the port answers 200. */
export async function apiReady(port: number, api: RunningProcess, timeoutMs = 90_000): Promise<void> {
  await waitFor(
    async () => {
      if (api.child.exitCode !== null || api.child.signalCode !== null) {
        throw new Error(`the API on port ${port} exited:\n${api.output().slice(-3000)}`);
      }
      return fetch(`http://127.0.0.1:${port}/health`).then(
        (res) => res.ok,
        () => false,
      );
    },
    `the API on port ${port}`,
    timeoutMs,
  );
}

function spawnFromSource(entry: string, env: Record<string, string>, cwd: string): RunningProcess {
  // Absolute paths: a process may run in a working directory of its own, as each host's would be.
  const child = spawn(
    process.execPath,
    ['--import', path.join(root, 'scripts/ts-loader.mjs'), path.join(root, entry)],
    {
      cwd,
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return {
    child,
    output: () => log,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
