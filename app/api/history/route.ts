import { z } from 'zod';
import { isValidTypePattern } from '@/lib/engine/type-pattern';
import { json } from '@/lib/http/respond';
import { limitParam, parseQuery, timeParam } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/route';
import { logAsOf } from '@/lib/temporal/as-of';

export const dynamic = 'force-dynamic';

const query = z.object({
  asOf: timeParam,
  type: z.string().refine(isValidTypePattern, 'is not a valid type pattern').optional(),
  source: z.string().optional(),
  subject: z.string().optional(),
  includeReplays: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: limitParam,
  cursor: z.string().optional(),
});

/** The log as it stood at `asOf`: events received up to then, newest first. */
export const GET = apiRoute(async (request, { services }) =>
  json(await logAsOf(services.database.db, parseQuery(request, query))), { role: 'viewer' });
