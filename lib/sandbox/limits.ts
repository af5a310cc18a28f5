/** Fixed limits of the code sandbox; per-step time and memory come with each request. */

/** QuickJS's own stack limit; its recursion errors are clean "stack overflow" InternalErrors. */
export const SANDBOX_STACK_BYTES = 1024 * 1024;
/**
 * The native stack of a sandbox thread. QuickJS frames run on it as WebAssembly frames, about
 * twice the size of QuickJS's own accounting: 8 MB keeps its 1 MB limit the one that trips.
 */
export const THREAD_STACK_MB = 8;
/** JavaScript heap of a thread (input and output text pass through it; QuickJS's heap is separate). */
export const THREAD_HEAP_MB = 128;
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
export const MAX_FETCHES_PER_RUN = 20;
export const MAX_LOG_LINES = 200;
export const MAX_LOG_BYTES = 64 * 1024;
/** How long past its time limit a thread may stay silent before it is terminated. */
export const WATCHDOG_GRACE_MS = 100;
/** Idle threads exit after this long and are started again on demand. */
export const THREAD_IDLE_MS = 30_000;
