import { z } from 'zod';
import { ApiError } from './errors';

/** Parses URL search params with a zod schema; a bad value is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) {
    const message = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ApiError('invalid_query', message);
  }
  return result.data;
}

export const limitParam = z.coerce.number().int().min(1).max(500).default(50);
export const timeParam = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 time').transform((s) => new Date(s));
