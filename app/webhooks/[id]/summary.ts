import type { HookValues } from '@/components/webhooks/hook-fields';
import type { VerifyOptions } from '@/lib/hooks/document';
import { schemeLabel } from '@/lib/hooks/scheme-info';
import type { HookView } from '@/lib/hooks/service';

/** One line saying how deliveries are checked. */
export function verifySummary(v: VerifyOptions): string {
  const parts = [schemeLabel(v.scheme)];
  if ('header' in v) parts.push(`header ${v.header}${v.prefix ? ` after "${v.prefix}"` : ''}`);
  if ('encoding' in v) parts.push(v.encoding);
  if ('toleranceSeconds' in v) parts.push(`timestamps within ${v.toleranceSeconds} s`);
  if ('idHeader' in v && v.idHeader) parts.push(`delivery id from ${v.idHeader}`);
  return parts.join(' · ');
}

/** The endpoint as the settings form's initial values. */
export function formValues(hook: HookView): HookValues {
  const v = hook.verify as Record<string, unknown>;
  const str = (value: unknown) => (value === undefined || value === null ? '' : String(value));
  const sync = hook.respond.mode === 'sync' ? hook.respond : null;
  return {
    name: hook.name, scheme: hook.verify.scheme, eventType: hook.eventType, subject: hook.subject ?? '',
    header: str(v.header), prefix: str(v.prefix), encoding: str(v.encoding) || 'hex', idHeader: str(v.idHeader),
    toleranceSeconds: str(v.toleranceSeconds), respondMode: hook.respond.mode,
    respondNodeId: sync?.nodeId ?? '', respondWorkflowId: sync?.workflowId ?? '', respondTimeoutMs: sync ? String(sync.respondTimeoutMs) : '',
  };
}
