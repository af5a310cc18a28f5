/** The origin a request reached us on, as the client saw it: the forwarded or Host header, else the URL. */
export function publicOrigin(request: Request): string {
  const h = request.headers;
  const host = h.get('x-forwarded-host')?.split(',')[0]?.trim() || h.get('host');
  if (!host) return new URL(request.url).origin;
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim() || new URL(request.url).protocol.replace(':', '');
  return `${proto}://${host}`;
}
