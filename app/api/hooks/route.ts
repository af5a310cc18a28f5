import { hookDeps, requestOrigin } from '@/lib/hooks/deps';
import { createHook, listHooks } from '@/lib/hooks/service';
import { json, readJson } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request, { services }) =>
  json({ items: await listHooks(await hookDeps(services), requestOrigin(request)) }), { role: 'viewer' });

export const POST = apiRoute(async (request, { services }) =>
  json(await createHook(await hookDeps(services), await readJson(request), requestOrigin(request)), 201), { role: 'editor', audit: 'hook.created' });
