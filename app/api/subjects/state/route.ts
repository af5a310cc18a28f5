import { z } from 'zod';
import { isValidTypePattern } from '@/lib/engine/type-pattern';
import { json } from '@/lib/http/respond';
import { parseQuery, timeParam } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/route';
import { subjectAsOf } from '@/lib/temporal/subject';

export const dynamic = 'force-dynamic';

const query = z.object({
  subject: z.string().min(1).max(1000),
  asOf: timeParam.optional(),
  type: z.string().refine(isValidTypePattern, 'is not a valid type pattern').optional(),
  includeReplays: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** A subject's history up to `asOf` (default now) and its state folded from it. */
export const GET = apiRoute(async (request, { services }) => {
  const { subject, asOf, ...q } = parseQuery(request, query);
  return json(await subjectAsOf(services.database.db, subject, { ...q, asOf: asOf ?? new Date() }));
}, { role: 'viewer' });
