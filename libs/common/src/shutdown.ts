/**
 * Closes the application on SIGTERM/SIGINT (in-flight requests and jobs finish first: BullMQ
 * workers wait for their active jobs) and then exits 0, so supervisors see a clean stop.
 */
export function closeOnSignals(app: { close: () => Promise<void> }, log: (message: string) => void): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      log(`${signal} received, shutting down`);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}
