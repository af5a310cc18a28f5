import { z } from 'zod';
import { listDeliveries } from '@/lib/hooks/deliveries';
import { getHook } from '@/lib/hooks/service';
import { hookDeps, requestOrigin } from '@/lib/hooks/deps';
import { json } from '@/lib/http/respond';
import { limitParam, parseQuery } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/route';
import { maskStoredSecrets } from '@/lib/secrets/shown';

export const dynamic = 'force-dynamic';

const query = z.object({ limit: limitParam, cursor: z.string().optional() });

export const GET = apiRoute<{ id: string }>(async (request, { params, services }) => {
  const hook = await getHook(await hookDeps(services), params.id, requestOrigin(request));
  return json(await maskStoredSecrets(services, await listDeliveries(services.database.db, hook.id, parseQuery(request, query))));
}, { role: 'viewer' });
