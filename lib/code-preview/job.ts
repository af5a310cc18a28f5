/** The payload of a `code-preview` job (see lib/jobs/catalog.ts): everything the worker needs, no lookups. */
import { z } from 'zod';
import { codeConfig } from '@/lib/engine/nodes/code';

export const codePreviewPayload = z.object({
  workflowId: z.uuid(),
  nodeId: z.string().min(1),
  /** The node's config as the editor has it now (source included), already checked. */
  config: codeConfig,
  /** What the code gets as `event`, `steps` and `run`. */
  scope: z.object({
    event: z.unknown(),
    steps: z.record(z.string(), z.unknown()),
    run: z.object({ id: z.string(), workflowId: z.string(), version: z.number().int() }),
  }),
});

export type CodePreviewPayload = z.output<typeof codePreviewPayload>;

/** A preview job is tried once and kept briefly, so the web process can read its answer. */
export const codePreviewJobOptions = {
  attempts: 1,
  removeOnComplete: { age: 60 },
  removeOnFail: { age: 60 },
} as const;
