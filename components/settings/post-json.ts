/** A JSON POST for the sign-in style pages (no session yet, so no CSRF token): the answer or the error message. */
export async function postJson(path: string, body: unknown): Promise<{ ok: true; body: unknown } | { ok: false; status: number; message: string; fields: Record<string, string> }> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0, message: 'Could not reach the server. Check your connection and try again.', fields: {} };
  }
  const parsed = await res.json().catch(() => null) as { error?: { message?: string; details?: { path?: string; message?: string }[] } } | null;
  if (res.ok) return { ok: true, body: parsed };
  const details = Array.isArray(parsed?.error?.details) ? parsed!.error!.details! : [];
  return {
    ok: false, status: res.status, message: parsed?.error?.message ?? `The server answered ${res.status}.`,
    fields: Object.fromEntries(details.filter((d) => d.path && d.message).map((d) => [d.path!, d.message!])),
  };
}
