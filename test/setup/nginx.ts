import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from './processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONFIG = path.join(root, 'docker/nginx.conf');

export interface TestNginx {
  port: number;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * docker/nginx.conf as the compose profile mounts it, with its upstream servers replaced by these
 * loopback ports (each keeping the template line's parameters) and its listen port by a free one.
 */
export async function renderNginxConfig(upstreamPorts: readonly number[], listenPort: number): Promise<string> {
  const template = await readFile(CONFIG, 'utf8');
  const servers = /^(\s*# servers:.*\n)((?:.*\n)*?)(\s*# end servers\n)/m.exec(template);
  const line = servers?.[2]?.split('\n').find((l) => /^\s*server\s+\S+/.test(l));
  if (!servers || !line) throw new Error('docker/nginx.conf has no upstream servers between its markers');
  const upstream = upstreamPorts.map((port) => line.replace(/server\s+\S+/, `server 127.0.0.1:${port}`)).join('\n');
  const rendered = template
    .replace(servers[0], `${servers[1]}${upstream}\n${servers[3]}`)
    .replace(/^(\s*)listen\s+\d+;$/m, `$1listen 127.0.0.1:${listenPort};`);
  if (!rendered.includes(`listen 127.0.0.1:${listenPort};`)) throw new Error('docker/nginx.conf has no listen line');
  return rendered;
}

/** Debian's nginx in the foreground with the rendered config, in a temporary prefix of its own. */
export async function startNginx(upstreamPorts: readonly number[]): Promise<TestNginx> {
  const port = await freePort();
  const prefix = await mkdtemp(path.join(os.tmpdir(), 'kc-nginx-'));
  const config = path.join(prefix, 'nginx.conf');
  await writeFile(config, await renderNginxConfig(upstreamPorts, port));
  const child: ChildProcess = spawn(
    process.env.NGINX_PATH ?? '/usr/sbin/nginx',
    ['-p', `${prefix}/`, '-c', config, '-g', 'daemon off;'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
    await exited;
    await rm(prefix, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${log}`);
      return listening(port);
    }, `nginx on port ${port}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, output: () => log, stop };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
