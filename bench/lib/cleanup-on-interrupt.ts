/**
 * Ctrl+C or SIGTERM during a benchmark: end every process, directory and database it made (the
 * given cleanup), at most 30 s, then exit 130.
 */
export function cleanUpOnInterrupt(cleanUp: () => Promise<unknown>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log(`\n${signal}: cleaning up (at most 30 s)...`);
      const forced = setTimeout(() => process.exit(130), 30_000);
      void cleanUp().finally(() => {
        clearTimeout(forced);
        process.exit(130);
      });
    });
  }
}
