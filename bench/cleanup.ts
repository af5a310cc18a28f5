const STOP_TIMEOUT_MS = 30_000;

function withTimeout(work: Promise<void>, ms: number, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

interface Entry { name: string; run: () => Promise<void> }

/**
 * Everything a benchmark run starts registers how to stop it here; the stoppers run in reverse
 * order at the end, on failure, and on Ctrl-C / SIGTERM, so no process outlives the run.
 */
export class Cleanup {
  private entries: Entry[] = [];
  private running: Promise<void> = Promise.resolve();

  /** Registers a stopper; the returned function runs it now (at most once, however often called) and unregisters it. */
  add(name: string, stop: () => Promise<void>): () => Promise<void> {
    let done: Promise<void> | undefined;
    const entry: Entry = {
      name,
      run: () => {
        done ??= (async () => {
          this.entries = this.entries.filter((e) => e !== entry);
          await withTimeout(stop(), STOP_TIMEOUT_MS, `${name} did not stop within ${STOP_TIMEOUT_MS / 1000} s`);
        })();
        return done;
      },
    };
    this.entries.push(entry);
    return entry.run;
  }

  /** Stops everything still registered, newest first; concurrent calls (a signal during the normal end) wait for each other. */
  runAll(log: (line: string) => void = () => {}): Promise<void> {
    this.running = this.running.then(() => this.drain(log));
    return this.running;
  }

  private async drain(log: (line: string) => void): Promise<void> {
    while (this.entries.length > 0) {
      const entry = this.entries[this.entries.length - 1];
      try {
        await entry.run();
      } catch (err) {
        log(`cleanup of ${entry.name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
