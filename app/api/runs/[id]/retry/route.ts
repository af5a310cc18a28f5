import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { webPublisher } from '@/lib/live/web';
import { retryRun } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

export const POST = apiRoute<{ id: string }>(async (_request, { params, services }) => {
  return json(await retryRun(services.database.db, services.producer, params.id, webPublisher(services)));
}, { role: 'editor', audit: 'run.retried' });
