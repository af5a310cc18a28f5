/**
 * What `POST /api/workflows/{id}/code-preview` answers: the outcome of running a `code` node's
 * source once in the workers' sandbox against the workflow's sample (latest matching event and
 * the latest run's step outputs). Types only: the editor imports them too.
 */
import type { CodeFailureKind, CodeLog } from '@/lib/engine/ports';

export interface CodePreviewError {
  /** As a failed step's error code: `code_error`, `code_syntax`, `code_timeout`, `code_memory`, … */
  code: string;
  /** The same message a failed step would record, e.g. "TypeError: x is undefined (line 2, column 5)". */
  message: string;
  kind: CodeFailureKind | null;
  /** Which limit stopped the code, if one did. */
  limit: 'time' | 'memory' | 'stack' | 'output' | null;
  name?: string;
  line?: number;
  column?: number;
  stack?: string;
}

/** What the worker's processor returns for one preview job. */
export type CodePreviewOutcome =
  | { ok: true; result: unknown; logs: CodeLog[]; elapsedMs: number | null }
  | { ok: false; error: CodePreviewError; logs: CodeLog[]; elapsedMs: number | null };

export interface CodePreviewAgainst {
  /** The sample event the code saw as `event`; null when none is logged yet (it then saw an empty event). */
  event: { id: string; source: string; type: string; seq: number } | null;
  /** The run whose step outputs the code saw as `steps`, and which of them it got. */
  runId: string | null;
  steps: string[];
  timeoutMs: number;
  memoryMb: number;
}

export type CodePreviewResponse = CodePreviewOutcome & { against: CodePreviewAgainst };
