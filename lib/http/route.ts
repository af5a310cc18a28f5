import type { Principal } from '@/lib/auth/principal';
import { authenticateRequest, defaultRole, requireRole } from '@/lib/auth/request';
import type { Role } from '@/lib/auth/roles';
import type { AuditAction } from '@/lib/audit/actions';
import { auditAs } from '@/lib/audit/record';
import { getServices, type Services } from '@/lib/server/services';
import { errorResponse } from './respond';

export interface RouteContext<P> {
  params: P;
  services: Services;
  principal: Principal | null;
}

type NextContext<P> = { params: Promise<P> };

export interface RouteOptions {
  /** No authentication at all (SPEC §4: health, the webhook receiver, signing in). */
  public?: boolean;
  /** The least role that may call it; by default viewer for GET/HEAD, editor for any write. */
  role?: Role;
  /** Records a `causeway.audit.<action>` event after a 2xx answer, about `params.id` or the answer's `id`. */
  audit?: AuditAction;
}

/** A thin route handler: authenticate, check the role, run, turn errors into JSON, audit. */
export function apiRoute<P = Record<string, never>>(
  handler: (request: Request, ctx: RouteContext<P>) => Promise<Response>,
  opts: RouteOptions = {},
) {
  return async (request: Request, context: NextContext<P>): Promise<Response> => {
    let services: Services | undefined;
    try {
      services = getServices();
      let principal: Principal | null = null;
      if (!opts.public) {
        principal = await authenticateRequest(services.database.db, request, services.env.CAUSEWAY_API_KEY);
        requireRole(principal, opts.role ?? defaultRole(request.method));
      }
      const params = (await context?.params) ?? ({} as P);
      const response = await handler(request, { params, services, principal });
      if (opts.audit && principal && response.ok) await audit(services, principal, opts.audit, params, response);
      return response;
    } catch (err) {
      return errorResponse(err, (e) => services?.logger.error({ err: e, url: request.url }, 'unhandled error in route'));
    }
  };
}

async function audit(services: Services, principal: Principal, action: AuditAction, params: unknown, response: Response): Promise<void> {
  const answer = await response.clone().json().catch(() => null) as { id?: unknown; name?: unknown } | null;
  const id = (params as { id?: string }).id ?? (typeof answer?.id === 'string' ? answer.id : undefined);
  if (!id) return;
  const name = typeof answer?.name === 'string' ? answer.name : undefined;
  await auditAs(services, principal, action, { id, name });
}
