import type { Job } from 'bullmq';
import { runCodePreview } from '@/lib/code-preview/run';
import { parsePayload } from '@/lib/jobs/catalog';
import { createSafeHttp, parseAllowList } from '@/lib/net/safe-http';
import { createSandbox, defaultThreadCount } from '@/lib/sandbox';

/** Editor previews run at most this many at once per worker; more wait on their queue. */
export const CODE_PREVIEW_CONCURRENCY = 2;

/**
 * Runs a code node's source for the editor ("Run with the last event"). Its sandbox is its own
 * pool, so previews never take a thread from the workflows' code steps. `fetch` (when the node
 * allows it) goes through the same address policy as the `http` step.
 */
export function codePreviewProcessor(opts: { httpAllow: string }) {
  const http = createSafeHttp({ allow: parseAllowList(opts.httpAllow), userAgent: 'Causeway/0.1' });
  const sandbox = createSandbox({ threads: Math.min(CODE_PREVIEW_CONCURRENCY, defaultThreadCount()), http });
  return {
    processor: async (job: Job) => runCodePreview(parsePayload('code-preview', job.data), sandbox.runCode, `preview:${job.id}`),
    close: () => sandbox.close(),
  };
}
