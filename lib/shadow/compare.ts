/** Per node, how a shadow run's steps differ from the original run's. Pure. */
import { jsonDiff, type JsonChange } from './json-diff';

export type Verdict = 'same' | 'changed' | 'new' | 'missing';

/** A step as both sides record it. */
export interface StepOutcome {
  nodeId: string;
  status: string;
  handle: string | null;
  output: unknown;
  error: unknown;
}

export interface NodeComparison {
  nodeId: string;
  verdict: Verdict;
  before?: Outcome;
  after?: Outcome;
  /** For `changed`: what differs between before and after. */
  diff?: JsonChange[];
  /** The shadow took this node's outcome from the original run (a side-effecting node) instead of running it. */
  recorded?: boolean;
}

type Outcome = { status: string; handle: string | null; output: unknown; error?: unknown };

/** A step with an outcome (it succeeded or failed); skipped, open or absent steps have none. */
const hasOutcome = (s: StepOutcome | undefined): s is StepOutcome => s !== undefined && (s.status === 'succeeded' || s.status === 'failed');

/**
 * What is compared: status, handle and output; for a failure the error's message instead of the
 * output (which only repeats the error, with attempt counts that differ between runs).
 */
function outcomeOf(s: StepOutcome): Outcome {
  if (s.status !== 'failed') return { status: s.status, handle: s.handle, output: s.output ?? null };
  const message = (s.error as { message?: unknown } | null)?.message;
  return { status: s.status, handle: s.handle, output: null, error: typeof message === 'string' ? message : s.error ?? null };
}

/**
 * Same: both ran the node to the same outcome. Changed: both ran it, differently. New: only the
 * shadow ran it. Missing: only the original did. Nodes neither ran are left out. Nodes are listed
 * in `order` (the draft's, then any the original had that the draft lacks).
 */
export function compareSteps(original: StepOutcome[], shadow: (StepOutcome & { recorded?: boolean })[], order: string[]): NodeComparison[] {
  const before = new Map(original.map((s) => [s.nodeId, s]));
  const after = new Map(shadow.map((s) => [s.nodeId, s]));
  const ids = [...new Set([...order, ...original.map((s) => s.nodeId), ...shadow.map((s) => s.nodeId)])];
  const result: NodeComparison[] = [];
  for (const nodeId of ids) {
    const b = before.get(nodeId);
    const a = after.get(nodeId);
    const recorded = a && 'recorded' in a && a.recorded ? { recorded: true } : {};
    if (hasOutcome(b) && hasOutcome(a)) {
      const diff = jsonDiff(outcomeOf(b), outcomeOf(a));
      result.push(diff.length === 0
        ? { nodeId, verdict: 'same', ...recorded }
        : { nodeId, verdict: 'changed', before: outcomeOf(b), after: outcomeOf(a), diff, ...recorded });
    } else if (hasOutcome(a)) {
      result.push({ nodeId, verdict: 'new', after: outcomeOf(a), ...recorded });
    } else if (hasOutcome(b)) {
      result.push({ nodeId, verdict: 'missing', before: outcomeOf(b) });
    }
  }
  return result;
}
