import { actorLabel } from '@/lib/auth/principal';
import { json, readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { resendEvent } from '@/lib/replays/resend';

export const dynamic = 'force-dynamic';

/** `{ runId }` or `{ eventId, source?, workflowId }`, with `version` pinned (default) or latest: a new run, marked as a replay. */
export const POST = apiRoute(async (request, { services, principal }) => {
  const deps = { db: services.database.db, producer: services.producer, queues: services.queues, logger: services.logger };
  return json(await resendEvent(deps, await readJson(request), principal ? actorLabel(principal) : null), 201);
}, { role: 'editor' });
