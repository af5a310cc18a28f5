/**
 * What `GET /api/stream` sends: one Server-Sent Event per change, named by `type`, with this JSON
 * as its data. Shared by the server (publishers, the stream) and the browser (which only imports
 * these types). `at` is when the change was published (ISO time), used for resuming.
 */
import type { RunStatus, StepStatus } from '@/db/schema';

export const LIVE_TYPES = ['event.appended', 'run.updated', 'step.updated'] as const;
export type LiveType = (typeof LIVE_TYPES)[number];

/** An event as the stream shows it: its attributes without the data (fetch `/api/events/{id}` for that). */
export interface LiveEventSummary {
  seq: number;
  id: string;
  source: string;
  type: string;
  subject?: string;
  correlationid?: string;
  causationid?: string;
  receivedAt: string;
}

export interface EventAppended {
  type: 'event.appended';
  at: string;
  event: LiveEventSummary;
  /** The runs this event started. */
  runs: { id: string; workflowId: string }[];
  /** The run whose `emit` step logged it, when it was one. */
  emittedBy?: { runId: string; workflowId: string; nodeId: string };
}

export interface RunUpdated {
  type: 'run.updated';
  at: string;
  runId: string;
  workflowId: string;
  status: RunStatus;
  version?: number;
  eventSeq?: number;
  createdAt?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  error?: unknown;
}

export interface StepUpdated {
  type: 'step.updated';
  at: string;
  runId: string;
  workflowId: string;
  nodeId: string;
  status: StepStatus;
  /** Absent when the change does not alter it (a step's end keeps the attempt its start announced). */
  attempt?: number;
  /** The output handle a finished step took. */
  handle?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  /** When a waiting step (delay, wait timeout) or a pending retry is due. */
  dueAt?: string | null;
  /** For a `wait_for_event` step: the event type it waits for. */
  waitingFor?: string;
  error?: unknown;
}

export type LiveMessage = EventAppended | RunUpdated | StepUpdated;
