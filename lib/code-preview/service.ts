/**
 * "Run with the last event" for a `code` node: the source as the editor has it now, run once by
 * a worker (never in the web process) against the workflow's sample, as the step would run.
 */
import { z } from 'zod';
import type { Db } from '@/db/client';
import { codeConfig } from '@/lib/engine/nodes/code';
import { formatIssues } from '@/lib/engine/nodes/common';
import { ApiError, notFound } from '@/lib/http/errors';
import { jobCatalog } from '@/lib/jobs/catalog';
import type { QueueSet } from '@/lib/jobs/queues';
import { workflowSample } from '@/lib/workflows/sample';
import { getWorkflow } from '@/lib/workflows/service';
import { runOnWorker } from './await-job';
import { previewScope, upstreamOf } from './scope';
import type { CodePreviewResponse } from './types';

export const codePreviewRequest = z.object({
  nodeId: z.string().min(1).max(200),
  /** The code to run; the saved node's when absent. */
  source: z.string().optional(),
  /** `timeoutMs`, `memoryMb`, `allowFetch` as the editor has them; the saved node's fill the gaps. */
  config: z.record(z.string(), z.unknown()).optional(),
});

/** How long a preview may wait for a worker to take it; once taken it has its time limit plus this. */
export const PICKUP_MS = 5_000;
export const ANSWER_SLACK_MS = 5_000;

export interface PreviewDeps {
  db: Db;
  queues: QueueSet;
}

export async function previewCode(deps: PreviewDeps, workflowId: string, body: unknown, opts: { pickupMs?: number } = {}): Promise<CodePreviewResponse> {
  const request = codePreviewRequest.parse(body);
  const workflow = await getWorkflow(deps.db, workflowId);
  const node = workflow.nodes.find((n) => n.id === request.nodeId);
  if (!node) throw notFound(`node "${request.nodeId}" in the saved draft of this workflow`);
  if (node.type !== 'code') throw new ApiError('bad_request', `node "${node.id}" is a ${node.type} node, not a code node`);
  const saved = (node.config ?? {}) as Record<string, unknown>;
  const parsed = codeConfig.safeParse({ ...saved, ...request.config, source: request.source ?? saved.source });
  if (!parsed.success) throw new ApiError('bad_request', formatIssues(parsed.error));
  const config = parsed.data;

  const sample = await workflowSample(deps.db, workflow.id);
  const upstream = upstreamOf(node.id, workflow);
  const scope = previewScope(sample, upstream, workflow.id, workflow.activeVersion);
  const outcome = await runOnWorker(deps.queues.queue(jobCatalog['code-preview'].queue), {
    workflowId: workflow.id, nodeId: node.id, config, scope,
  }, { pickupMs: opts.pickupMs ?? PICKUP_MS, answerMs: config.timeoutMs + ANSWER_SLACK_MS });
  const event = sample.event;
  return {
    ...outcome,
    against: {
      event: event ? { id: event.id, source: event.source, type: event.type, seq: event.seq } : null,
      runId: sample.runId,
      steps: Object.keys(scope.steps),
      timeoutMs: config.timeoutMs,
      memoryMb: config.memoryMb,
    },
  };
}
