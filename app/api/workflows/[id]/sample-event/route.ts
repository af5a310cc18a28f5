import { z } from 'zod';
import { json } from '@/lib/http/respond';
import { parseQuery } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/route';
import { workflowSample } from '@/lib/workflows/sample';

export const dynamic = 'force-dynamic';

const query = z.object({ type: z.string().min(1).max(255).optional() });

/**
 * The latest logged event that would start this workflow (or, with `?type=`, of that type
 * pattern) and its latest run's step outputs: what the editor previews expressions against.
 */
export const GET = apiRoute<{ id: string }>(async (request, { params, services }) =>
  json(await workflowSample(services.database.db, params.id, parseQuery(request, query))), { role: 'viewer' });
