import cluster from 'node:cluster';

export interface ClusterOptions {
  /** How many API processes to run; one means no primary at all, this process serves. */
  processes: number;
  log: (message: string) => void;
  /** Pause before a dead process is replaced, so one that cannot start does not spin. */
  restartDelayMs?: number;
  /** Processes in a row that die before they listen: then the primary gives up (exit 1). */
  maxFailedStarts?: number;
}

/**
 * Runs the API as `processes` copies of this program sharing one port (Node's cluster module). The
 * primary only supervises: it forks them, replaces one that dies, and on SIGTERM/SIGINT passes
 * SIGTERM on so each finishes its requests (closeOnSignals) before the primary exits 0.
 * Returns true in the process that should serve HTTP, false in the primary.
 */
export function forkApiProcesses(options: ClusterOptions): boolean {
  if (options.processes <= 1 || !cluster.isPrimary) return true;
  const restartDelayMs = options.restartDelayMs ?? 1000;
  const maxFailedStarts = options.maxFailedStarts ?? 5;
  const listening = new Set<number>();
  let failedStarts = 0;
  let stopping = false;
  let exitCode = 0;

  const fork = (): void => {
    const worker = cluster.fork();
    worker.once('listening', () => {
      listening.add(worker.id);
      failedStarts = 0;
    });
  };
  const running = (): number => Object.keys(cluster.workers ?? {}).length;

  cluster.on('exit', (worker, code, signal) => {
    const started = listening.delete(worker.id);
    if (stopping) {
      if (running() === 0) {
        options.log('every API process has stopped');
        process.exit(exitCode);
      }
      return;
    }
    options.log(`API process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    if (!started && ++failedStarts >= maxFailedStarts) {
      options.log(`${failedStarts} API processes in a row exited before listening; giving up`);
      stopping = true;
      exitCode = 1;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      if (running() === 0) process.exit(exitCode);
      return;
    }
    setTimeout(() => {
      if (!stopping) fork();
    }, restartDelayMs).unref();
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      options.log(`${signal} received, stopping ${running()} API processes`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      if (running() === 0) process.exit(0);
    });
  }

  options.log(`starting ${options.processes} API processes`);
  for (let i = 0; i < options.processes; i++) fork();
  return false;
}
