/** The webhook form's fields as the body of POST/PUT /api/hooks: blank means "not given". */
export function hookBodyFrom(form: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const number = (name: string) => (text(name) === undefined ? undefined : Number(text(name)));
  const scheme = text('scheme');
  const verify: Record<string, unknown> = { scheme };
  if (scheme !== 'none') verify.secret = text('secret');
  if (scheme === 'standard-webhooks' || scheme === 'stripe') verify.toleranceSeconds = number('toleranceSeconds');
  if (scheme === 'hmac-sha256' || scheme === 'token') {
    verify.header = text('header');
    verify.prefix = typeof form.get('prefix') === 'string' ? form.get('prefix') : undefined;
  }
  if (scheme === 'hmac-sha256') verify.encoding = text('encoding');
  if (scheme === 'hmac-sha256' || scheme === 'token' || scheme === 'none') verify.idHeader = text('idHeader');
  const respond = text('respondMode') === 'sync'
    ? { mode: 'sync', nodeId: text('respondNodeId'), workflowId: text('respondWorkflowId'), respondTimeoutMs: number('respondTimeoutMs') }
    : { mode: 'async' };
  return { name: text('name') ?? '', eventType: text('eventType'), subject: text('subject'), verify, respond };
}
