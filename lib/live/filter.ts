import { z } from 'zod';
import { compileTypePattern, isValidTypePattern } from '@/lib/engine/type-pattern';
import { LIVE_TYPES, type LiveMessage, type LiveType } from './types';

/** `GET /api/stream` query: which changes a client wants. */
export const streamQuerySchema = z.object({
  workflowId: z.uuid().optional(),
  runId: z.uuid().optional(),
  type: z.string().optional().transform((s, ctx) => {
    if (!s) return undefined;
    const types = s.split(',').map((t) => t.trim()).filter(Boolean);
    const bad = types.filter((t) => !(LIVE_TYPES as readonly string[]).includes(t));
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown type ${bad.join(', ')}; expected ${LIVE_TYPES.join(', ')}` });
      return z.NEVER;
    }
    return types as LiveType[];
  }),
  /** Only for event.appended: a type pattern (`order.*`, `payment.**`). */
  eventType: z.string().refine(isValidTypePattern, 'is not a valid type pattern').optional(),
  source: z.string().optional(),
  subject: z.string().optional(),
  correlationId: z.string().optional(),
  /** Where to resume, as the Last-Event-ID header does (for a first connection after loading a page). */
  lastEventId: z.string().optional(),
  /** Seconds between heartbeats. */
  heartbeat: z.coerce.number().min(1).max(120).default(15),
});

export type StreamQuery = z.infer<typeof streamQuerySchema>;
export type LiveFilter = Omit<StreamQuery, 'lastEventId' | 'heartbeat'>;

/** Whether a message passes the filter; compiled once per stream. */
export function compileFilter(f: LiveFilter): (m: LiveMessage) => boolean {
  const types = f.type ? new Set<string>(f.type) : undefined;
  const matchesType = f.eventType ? compileTypePattern(f.eventType) : undefined;
  return (m) => {
    if (types && !types.has(m.type)) return false;
    if (m.type === 'event.appended') {
      const e = m.event;
      if (matchesType && !matchesType(e.type)) return false;
      if (f.source !== undefined && e.source !== f.source) return false;
      if (f.subject !== undefined && e.subject !== f.subject) return false;
      if (f.correlationId !== undefined && e.correlationid !== f.correlationId) return false;
      if (f.workflowId && m.emittedBy?.workflowId !== f.workflowId && !m.runs.some((r) => r.workflowId === f.workflowId)) return false;
      if (f.runId && m.emittedBy?.runId !== f.runId && !m.runs.some((r) => r.id === f.runId)) return false;
      return true;
    }
    if (f.workflowId && m.workflowId !== f.workflowId) return false;
    if (f.runId && m.runId !== f.runId) return false;
    return true;
  };
}
