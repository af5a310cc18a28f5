/**
 * Wall-clock bounds measured from a test process on a shared 2-core machine include time in which
 * the host itself was not scheduled (parallel test files, PostgreSQL, builds). Bounds add this much
 * for it; precise figures come from the benchmarks, not from tests.
 */
export const HOST_SLACK_MS = 300;
