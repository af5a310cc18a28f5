import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/cookies';
import { isPublicPage, PATH_HEADER, signinUrl } from '@/lib/auth/paths';

/**
 * Pages only (the API authenticates in lib/http/route.ts). A request without a session cookie
 * goes straight to sign-in; every page still checks the session itself (requirePage), this only
 * saves the render. The path is passed on so the sign-in page can send the person back.
 */
export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname + request.nextUrl.search;
  if (!isPublicPage(request.nextUrl.pathname) && !request.cookies.get(SESSION_COOKIE)?.value) {
    return NextResponse.redirect(new URL(signinUrl(path), request.url));
  }
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'],
};
