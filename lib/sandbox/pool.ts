/**
 * A pool of sandbox threads. User code never runs on the caller's event loop: each task goes
 * to a worker thread, one task per thread at a time. A thread that stays silent past its
 * task's time limit (plus a grace) is terminated; a new one is started on demand.
 */
import { Worker } from 'node:worker_threads';
import type { CodeFailure } from '@/lib/engine/ports';
import { THREAD_HEAP_MB, THREAD_IDLE_MS, THREAD_STACK_MB, WATCHDOG_GRACE_MS } from './limits';
import type { FetchAnswer, FetchAsk, ThreadReport, ThreadTask, ThreadToHost } from './protocol';

const THREAD_ENTRY = new URL('./thread/main.mjs', import.meta.url);

export type PoolOutcome = ThreadReport & { elapsedMs: number };

export interface PoolOptions {
  threads: number;
  graceMs?: number;
  idleMs?: number;
}

export interface PoolStats {
  threads: number;
  busy: number;
  queued: number;
  /** Threads started and stopped (terminated or exited) since the pool was made. */
  started: number;
  stopped: number;
}

interface Job {
  task: ThreadTask;
  fetch(ask: FetchAsk): Promise<FetchAnswer>;
  resolve(outcome: PoolOutcome): void;
  startedAt?: number;
  watchdog?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  retired: boolean;
  job?: Job;
  idleTimer?: NodeJS.Timeout;
}

const failure = (error: CodeFailure): ThreadReport => ({ ok: false, error, logs: [] });

export class ThreadPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private closed = false;
  private started = 0;
  private stopped = 0;
  private readonly graceMs: number;
  private readonly idleMs: number;

  constructor(private readonly options: PoolOptions) {
    this.graceMs = options.graceMs ?? WATCHDOG_GRACE_MS;
    this.idleMs = options.idleMs ?? THREAD_IDLE_MS;
  }

  run(task: ThreadTask, fetch: Job['fetch']): Promise<PoolOutcome> {
    if (this.closed) return Promise.resolve({ ...failure({ kind: 'crash', message: 'the sandbox is shut down' }), elapsedMs: 0 });
    return new Promise((resolve) => {
      this.queue.push({ task, fetch, resolve });
      this.pump();
    });
  }

  stats(): PoolStats {
    const live = [...this.slots].filter((s) => !s.retired);
    return { threads: live.length, busy: live.filter((s) => s.job).length, queued: this.queue.length, started: this.started, stopped: this.stopped };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve({ ...failure({ kind: 'crash', message: 'the sandbox is shutting down' }), elapsedMs: 0 });
    await Promise.all([...this.slots].map((slot) => this.retire(slot, { kind: 'crash', message: 'the sandbox is shutting down' })));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const idle = [...this.slots].find((s) => s.ready && !s.retired && !s.job);
      if (idle) {
        this.assign(idle, this.queue.shift()!);
        continue;
      }
      const live = [...this.slots].filter((s) => !s.retired);
      const starting = live.filter((s) => !s.ready).length;
      if (live.length < this.options.threads && starting < this.queue.length) {
        this.spawn();
        continue;
      }
      return;
    }
  }

  private spawn(): void {
    const worker = new Worker(THREAD_ENTRY, {
      // Without the parent's loaders (tsx) the thread starts in ~30 ms; with an empty env a
      // hypothetical escape into the thread finds no secrets in process.env.
      execArgv: [],
      env: {},
      resourceLimits: { stackSizeMb: THREAD_STACK_MB, maxOldGenerationSizeMb: THREAD_HEAP_MB },
    });
    const slot: Slot = { worker, ready: false, retired: false };
    this.slots.add(slot);
    this.started++;
    worker.unref();
    worker.on('message', (msg: ThreadToHost) => this.onMessage(slot, msg));
    worker.on('error', (err: Error & { code?: string }) => {
      const outOfMemory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      void this.retire(slot, outOfMemory
        ? { kind: 'memory', message: 'the memory limit was reached (the sandbox thread ran out of heap)' }
        : { kind: 'crash', message: `the sandbox thread failed: ${err.message}` });
    });
    worker.on('exit', () => void this.retire(slot, { kind: 'crash', message: 'the sandbox thread exited' }));
  }

  private onMessage(slot: Slot, msg: ThreadToHost): void {
    if (slot.retired) return;
    if (msg.type === 'ready') {
      slot.ready = true;
      this.idle(slot);
      this.pump();
      return;
    }
    const job = slot.job;
    if (!job || msg.taskId !== job.task.id) return;
    if (msg.type === 'fetch') {
      void job.fetch(msg.ask).then((answer) => {
        if (!slot.retired && slot.job === job) slot.worker.postMessage({ type: 'fetch-result', taskId: msg.taskId, requestId: msg.requestId, answer });
      });
      return;
    }
    const { type: _type, taskId: _taskId, ...report } = msg;
    this.finish(slot, report);
    this.idle(slot);
    this.pump();
  }

  private assign(slot: Slot, job: Job): void {
    clearTimeout(slot.idleTimer);
    slot.job = job;
    slot.worker.ref();
    job.startedAt = performance.now();
    job.watchdog = setTimeout(() => {
      void this.retire(slot, { kind: 'timeout', message: 'the time limit was reached (the sandbox thread was stopped)' });
    }, job.task.timeoutMs + this.graceMs);
    slot.worker.postMessage({ type: 'run', task: job.task });
  }

  private finish(slot: Slot, report: ThreadReport): void {
    const job = slot.job;
    if (!job) return;
    slot.job = undefined;
    clearTimeout(job.watchdog);
    job.resolve({ ...report, elapsedMs: Math.round(performance.now() - (job.startedAt ?? performance.now())) });
  }

  private idle(slot: Slot): void {
    slot.worker.unref();
    clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => void this.retire(slot), this.idleMs);
    slot.idleTimer.unref();
  }

  /** Stops a thread; its running task, if any, ends with `reason`. */
  private async retire(slot: Slot, reason?: CodeFailure): Promise<void> {
    if (!slot.job && !slot.ready && !slot.retired && reason && this.queue.length > 0) {
      // A thread that died before it was ready fails one waiting task, so a broken start cannot spin.
      this.queue.shift()!.resolve({ ...failure(reason), elapsedMs: 0 });
    }
    if (slot.job) this.finish(slot, failure(reason ?? { kind: 'crash', message: 'the sandbox thread stopped' }));
    if (slot.retired) return;
    slot.retired = true;
    clearTimeout(slot.idleTimer);
    this.slots.delete(slot);
    this.stopped++;
    if (!this.closed) this.pump();
    await slot.worker.terminate();
  }
}
