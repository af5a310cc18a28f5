import { z } from 'zod';
import { isValidTypePattern } from '@/lib/engine/type-pattern';
import { ApiError } from '@/lib/http/errors';

const time = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 time').transform((s) => new Date(s));

/** The body of `POST /api/replays` (SPEC §4). `version: "draft"` makes it a shadow replay. */
export const replayRequestSchema = z.object({
  from: time,
  to: time,
  type: z.string().refine(isValidTypePattern, 'is not a valid type pattern').optional(),
  source: z.string().min(1).max(1000).optional(),
  workflowIds: z.array(z.uuid()).min(1, 'name at least one workflow, or leave workflowIds out for all').max(100).optional(),
  version: z.enum(['pinned', 'latest', 'draft']).default('pinned'),
  /** Let events emitted by replayed runs start further runs of the same replay. */
  cascade: z.boolean().default(false),
  /** Only count what the replay would do; nothing is stored. */
  dryRun: z.boolean().default(false),
}).strict();

export type ReplayRequest = z.infer<typeof replayRequestSchema>;

/** Parses and checks a request: a 400 names what is wrong, and nothing has been stored yet. */
export function parseReplayRequest(body: unknown, now: Date): ReplayRequest {
  const req = replayRequestSchema.parse(body);
  if (req.from.getTime() >= req.to.getTime()) throw new ApiError('bad_request', '"from" must be before "to"');
  if (req.from.getTime() > now.getTime()) throw new ApiError('bad_request', 'the range starts in the future: there are no events to replay yet');
  if (req.version === 'draft' && !req.workflowIds) throw new ApiError('bad_request', 'a shadow replay (version "draft") needs workflowIds: the drafts to try');
  if (req.version === 'draft' && req.cascade) throw new ApiError('bad_request', 'a shadow replay emits no events, so it cannot cascade');
  if (req.workflowIds && new Set(req.workflowIds).size !== req.workflowIds.length) throw new ApiError('bad_request', 'workflowIds names a workflow twice');
  return req;
}
