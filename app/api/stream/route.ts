import { parseQuery } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/route';
import { decodeLiveCursor } from '@/lib/live/cursor';
import { streamQuerySchema } from '@/lib/live/filter';
import { liveStream, sseResponse } from '@/lib/live/sse';
import { webHub } from '@/lib/live/web';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request, { services }) => {
  const { lastEventId, heartbeat, ...filter } = parseQuery(request, streamQuerySchema);
  const resumeFrom = decodeLiveCursor(request.headers.get('last-event-id') ?? lastEventId);
  return sseResponse(liveStream({
    db: services.database.db,
    hub: webHub(services),
    filter,
    resumeFrom,
    heartbeatMs: heartbeat * 1000,
    signal: request.signal,
    onError: (err) => services.logger.warn({ err }, 'live stream failed'),
  }));
}, { role: 'viewer' });
