import { eventDetail, findEvent } from '@/lib/events/query';
import { ApiError, notFound } from '@/lib/http/errors';
import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>(async (request, { params, services }) => {
  const source = new URL(request.url).searchParams.get('source') ?? undefined;
  const found = await findEvent(services.database.db, params.id, source);
  if (found.kind === 'missing') throw notFound('event');
  if (found.kind === 'ambiguous') {
    throw new ApiError('ambiguous_id', 'several events have this id; add ?source= to choose one', { sources: found.sources });
  }
  return json(await eventDetail(services.database.db, found.event));
}, { role: 'viewer' });
