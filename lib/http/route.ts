import { authenticateBearer, type Principal } from '@/lib/auth/api-keys';
import { getServices, type Services } from '@/lib/server/services';
import { ApiError } from './errors';
import { errorResponse } from './respond';

export interface RouteContext<P> {
  params: P;
  services: Services;
  principal: Principal | null;
}

type NextContext<P> = { params: Promise<P> };

/** A thin route handler: authenticate, run, turn errors into JSON. */
export function apiRoute<P = Record<string, never>>(
  handler: (request: Request, ctx: RouteContext<P>) => Promise<Response>,
  opts: { public?: boolean } = {},
) {
  return async (request: Request, context: NextContext<P>): Promise<Response> => {
    let services: Services | undefined;
    try {
      services = getServices();
      let principal: Principal | null = null;
      if (!opts.public) {
        principal = await authenticateBearer(services.database.db, request.headers.get('authorization'), services.env.CAUSEWAY_API_KEY);
        if (!principal) {
          throw new ApiError('unauthorized', 'a valid API key is required: send Authorization: Bearer <key>', undefined, 401,
            { 'www-authenticate': 'Bearer' });
        }
      }
      const params = (await context?.params) ?? ({} as P);
      return await handler(request, { params, services, principal });
    } catch (err) {
      return errorResponse(err, (e) => services?.logger.error({ err: e, url: request.url }, 'unhandled error in route'));
    }
  };
}
