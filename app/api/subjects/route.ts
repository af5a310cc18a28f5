import { z } from 'zod';
import { json } from '@/lib/http/respond';
import { parseQuery } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/route';
import { listSubjects } from '@/lib/temporal/subject';

export const dynamic = 'force-dynamic';

const query = z.object({
  prefix: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const GET = apiRoute(async (request, { services }) => {
  const q = parseQuery(request, query);
  return json(await listSubjects(services.database.db, q.prefix, q.limit));
}, { role: 'viewer' });
