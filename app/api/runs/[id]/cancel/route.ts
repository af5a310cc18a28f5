import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { snapshotMessages } from '@/lib/live/changes';
import { webPublisher } from '@/lib/live/web';
import { cancelRun } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

export const POST = apiRoute<{ id: string }>(async (_request, { params, services }) => {
  const run = await cancelRun(services.database.db, params.id);
  webPublisher(services).publish(snapshotMessages(run, ['skipped']));
  return json(run);
}, { role: 'editor', audit: 'run.cancelled' });
