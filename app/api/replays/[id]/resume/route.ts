import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';
import { resumeReplay } from '@/lib/replays/control';

export const dynamic = 'force-dynamic';

export const POST = apiRoute<{ id: string }>(async (_request, { params, services }) =>
  json(await resumeReplay({ db: services.database.db, producer: services.producer, queues: services.queues, logger: services.logger }, params.id)), { role: 'editor' });
