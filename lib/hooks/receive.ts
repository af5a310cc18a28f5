import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { appendEvents } from '@/lib/events/append';
import { IngestError, readBodyLimited } from '@/lib/events/ingest';
import { ApiError, errorBody } from '@/lib/http/errors';
import { errorResponse, json } from '@/lib/http/respond';
import type { Producer } from '@/lib/jobs/queues';
import type { Logger } from '@/lib/logger';
import { awaitStepOutput } from './await-output';
import { deliveryData, deliveryMediaType } from './body';
import { loadDelivery, recordDelivery, resendBlocker, type NewDelivery } from './deliveries';
import { bodyPreview, maskHeaders } from './mask';
import { secretHeaders, verifierFor } from './schemes';
import type { LoadedHook } from './service';
import { deliveryEvent } from './to-event';

export interface ReceiveDeps {
  db: Db;
  producer: Producer;
  logger: Logger;
  maxBytes: number;
  now: () => Date;
}

/** A delivery that failed its endpoint's check: 401, and nothing but the log entry stored. */
class VerificationFailed extends Error {}

type Log = Omit<NewDelivery, 'status' | 'hookId' | 'headers'>;

interface Pipeline {
  hook: LoadedHook;
  headers: Headers;
  loggedHeaders: [string, string][];
  body: Uint8Array;
  /** Set when sending a logged delivery again under a new event id. */
  eventId?: string;
  log: Log;
  signal?: AbortSignal;
}

/** Parses, derives the event, appends it (deduplicated on source and id) and answers as POST /api/events does. */
async function accept(deps: ReceiveDeps, p: Pipeline, sync: boolean): Promise<Response> {
  const type = deliveryMediaType(p.headers);
  const { data, datacontenttype } = deliveryData(p.body, type, { payloadField: p.hook.options.scheme === 'github' });
  const verifier = verifierFor(p.hook.options);
  const event = await deliveryEvent({
    hookId: p.hook.id, scheme: p.hook.options.scheme, eventType: p.hook.eventType, subject: p.hook.subject,
    deliveryId: verifier.deliveryId(p.hook.options, p.headers), headers: p.loggedHeaders, body: p.body, data, datacontenttype,
  });
  if (p.eventId !== undefined) event.id = p.eventId;
  p.log.eventId = event.id;
  const [result] = await appendEvents({
    db: deps.db, producer: deps.producer,
    onEnqueueError: (err) => deps.logger.warn({ err }, 'route enqueue failed; the reconciler will route'),
  }, [event]);
  p.log.eventSeq = result!.seq;
  p.log.dedupe = result!.duplicate ? 'duplicate' : 'new';
  const ids = { 'x-causeway-event-id': event.id, 'x-causeway-event-seq': String(result!.seq) };
  if (sync && p.hook.respond.mode === 'sync') {
    const awaited = await awaitStepOutput(deps.db, result!.seq, p.hook.respond, p.signal);
    if (awaited.found) return json(awaited.output ?? null, 200, ids);
  }
  return json({ id: event.id, seq: result!.seq, duplicate: result!.duplicate }, result!.duplicate ? 200 : 202, ids);
}

function refusal(deps: ReceiveDeps, err: unknown): Response {
  if (err instanceof VerificationFailed) return json(errorBody('unauthorized', err.message), 401);
  if (err instanceof IngestError) return json(errorBody(err.code, err.message), err.status);
  return errorResponse(err, (e) => deps.logger.error({ err: e }, 'unhandled error receiving a webhook delivery'));
}

async function finish(deps: ReceiveDeps, p: Pipeline, response: Response, started: number, extra: Partial<NewDelivery> = {}): Promise<number | null> {
  let error: { code: string; message: string } | null = null;
  if (response.status >= 400) {
    const body = await response.clone().json().catch(() => null) as { error?: { code: string; message: string } } | null;
    error = body?.error ?? null;
  }
  try {
    return await recordDelivery(deps.db, {
      ...p.log, ...extra, hookId: p.hook.id, headers: p.loggedHeaders, status: response.status, error,
      durationMs: Math.round(performance.now() - started),
    });
  } catch (err) {
    // The answer stands (an acknowledged event is committed); only its log entry is missing.
    deps.logger.warn({ err, hookId: p.hook.id }, 'could not record a webhook delivery');
    return null;
  }
}

/**
 * Takes one delivery to a public endpoint: content type (415), body within the limit (413),
 * the scheme's check (401), parsing (400), then the event is logged. Every outcome, accepted or
 * refused, is recorded in the endpoint's deliveries log; a refused one stores nothing else.
 */
export async function receiveDelivery(deps: ReceiveDeps, hook: LoadedHook, request: Request): Promise<Response> {
  const started = performance.now();
  const p: Pipeline = {
    hook, headers: request.headers, loggedHeaders: maskHeaders(request.headers, secretHeaders(hook.options)),
    body: new Uint8Array(0), log: { verification: 'unchecked' }, signal: request.signal,
  };
  let response: Response;
  try {
    deliveryMediaType(request.headers);
    p.body = await readBodyLimited(request, deps.maxBytes);
    Object.assign(p.log, bodyPreview(p.body));
    const check = verifierFor(hook.options).verify(hook.options, { headers: request.headers, body: p.body, secrets: hook.secrets, now: deps.now() });
    if (!check.ok) {
      Object.assign(p.log, { verification: 'failed', verificationDetail: check.reason });
      throw new VerificationFailed(`the delivery failed the ${hook.options.scheme} check: ${check.reason}`);
    }
    Object.assign(p.log, { verification: hook.options.scheme === 'none' ? 'skipped' : 'verified', verificationDetail: check.detail });
    response = await accept(deps, p, true);
  } catch (err) {
    response = refusal(deps, err);
  }
  await finish(deps, p, response, started);
  return response;
}

/**
 * Sends a logged delivery through its endpoint again, without the check (it passed when it
 * arrived). If it logged an event, the new one gets a new id so that it runs again; if it
 * logged none, it keeps the sender's id, so a later redelivery is still a duplicate.
 */
export async function resendDelivery(deps: ReceiveDeps, hook: LoadedHook, deliveryId: string | number): Promise<{ id: number | null; status: number }> {
  const original = await loadDelivery(deps.db, hook.id, deliveryId);
  const blocker = resendBlocker(original);
  if (blocker) throw new ApiError('conflict', blocker);
  const started = performance.now();
  const headers = new Headers(original.headers);
  const p: Pipeline = {
    hook, headers, loggedHeaders: original.headers, body: new TextEncoder().encode(original.body!),
    log: {
      verification: 'resent', verificationDetail: `sent again from delivery #${original.id}`,
      body: original.body, bodyBytes: original.bodyBytes, bodyTruncated: false,
    },
  };
  if (original.eventSeq !== null && original.eventId !== null) {
    p.eventId = `${original.eventId}/resend-${randomBytes(4).toString('hex')}`;
  }
  let response: Response;
  try {
    response = await accept(deps, p, false);
  } catch (err) {
    response = refusal(deps, err);
  }
  const id = await finish(deps, p, response, started, { resentFrom: original.id });
  return { id, status: response.status };
}
