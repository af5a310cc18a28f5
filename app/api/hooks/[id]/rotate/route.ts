import { hookDeps } from '@/lib/hooks/deps';
import { rotateHookSecret } from '@/lib/hooks/service';
import { ApiError } from '@/lib/http/errors';
import { json } from '@/lib/http/respond';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

async function optionalJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json', 'the request body is not valid JSON');
  }
}

/** `{ secret?, graceSeconds? }`; no body generates a secret and keeps the old one for 24 h. */
export const POST = apiRoute<{ id: string }>(async (request, { params, services }) =>
  json(await rotateHookSecret(await hookDeps(services), params.id, await optionalJson(request))), { role: 'editor', audit: 'hook.secret_rotated' });
