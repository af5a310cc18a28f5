/** The Replay dialog's fields, and the `POST /api/replays` body they make. */
import { fromLocalInput } from './format';

export interface ReplayFormValues {
  from: string;
  to: string;
  type: string;
  source: string;
  /** 'all': every workflow the events match; 'chosen': only `workflowIds`. */
  scope: 'all' | 'chosen';
  workflowIds: string[];
  version: 'pinned' | 'latest' | 'draft';
  cascade: boolean;
}

/** The body, or the problem to show instead. */
export function replayBody(v: ReplayFormValues, dryRun: boolean): { body: Record<string, unknown> } | { problem: string } {
  const from = fromLocalInput(v.from);
  const to = fromLocalInput(v.to);
  if (!from || !to) return { problem: 'Choose when the range starts and ends.' };
  if (from >= to) return { problem: 'The range must start before it ends.' };
  if (v.scope === 'chosen' && v.workflowIds.length === 0) return { problem: 'Choose at least one workflow.' };
  if (v.version === 'draft' && v.scope !== 'chosen') return { problem: 'A shadow replay tries the drafts of chosen workflows: choose them.' };
  return {
    body: {
      from, to, version: v.version, dryRun,
      ...(v.type.trim() && { type: v.type.trim() }),
      ...(v.source.trim() && { source: v.source.trim() }),
      ...(v.scope === 'chosen' && { workflowIds: v.workflowIds }),
      ...(v.cascade && v.version !== 'draft' && { cascade: true }),
    },
  };
}
