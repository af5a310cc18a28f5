'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { actionViewer, requireAction } from '@/lib/auth/next/action';
import { auditAs } from '@/lib/audit/record';
import { curlExample } from '@/lib/hooks/curl';
import { hookDeps } from '@/lib/hooks/deps';
import { resendDelivery } from '@/lib/hooks/receive';
import { createHook, deleteHook, getHook, loadedHook, loadHookRow, rotateHookSecret, updateHook } from '@/lib/hooks/service';
import { ApiError } from '@/lib/http/errors';
import { getServices } from '@/lib/server/services';
import type { FormState } from '@/components/webhooks/form-state';
import { hookBodyFrom } from './form-body';
import { pageOrigin } from './origin';

function failure(err: unknown): FormState {
  if (err instanceof ApiError && err.status < 500) {
    const details = Array.isArray(err.details) ? err.details as { path: string; message: string }[] : [];
    return { status: 'error', message: err.message, fields: Object.fromEntries(details.map((d) => [d.path, d.message])) };
  }
  throw err;
}

export async function createHookAction(_prev: FormState, form: FormData): Promise<FormState> {
  const who = await actionViewer('editor');
  if ('error' in who) return { status: 'error', message: who.error, fields: {} };
  const deps = await hookDeps(getServices());
  let created;
  try {
    created = await createHook(deps, hookBodyFrom(form), await pageOrigin());
  } catch (err) {
    return failure(err);
  }
  await auditAs(getServices(), who.viewer, 'hook.created', { id: created.id, name: created.name });
  revalidatePath('/webhooks');
  return {
    status: 'secret', hookId: created.id, url: created.url, secret: created.secret,
    curl: curlExample(created.verify, created.url, created.secret),
    message: created.secret === null ? 'Endpoint created. It accepts unsigned deliveries.' : 'Endpoint created. Copy the secret now: it is shown only once.',
  };
}

export async function updateHookAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const who = await actionViewer('editor');
  if ('error' in who) return { status: 'error', message: who.error, fields: {} };
  const deps = await hookDeps(getServices());
  let updated;
  try {
    updated = await updateHook(deps, id, hookBodyFrom(form), await pageOrigin());
  } catch (err) {
    return failure(err);
  }
  await auditAs(getServices(), who.viewer, 'hook.updated', { id, name: updated.name });
  revalidatePath(`/webhooks/${id}`);
  if (updated.secret === undefined) return { status: 'saved', message: 'Saved.' };
  return {
    status: 'secret', hookId: id, url: updated.url, secret: updated.secret ?? null,
    curl: curlExample(updated.verify, updated.url, updated.secret ?? null),
    message: 'Saved with a new secret. Copy it now: it is shown only once.',
  };
}

export async function rotateSecretAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const who = await actionViewer('editor');
  if ('error' in who) return { status: 'error', message: who.error, fields: {} };
  const deps = await hookDeps(getServices());
  const secret = form.get('secret');
  const body = {
    graceSeconds: Number(form.get('graceSeconds') ?? 86_400),
    ...(typeof secret === 'string' && secret.trim() !== '' ? { secret: secret.trim() } : {}),
  };
  let rotated;
  try {
    rotated = await rotateHookSecret(deps, id, body);
  } catch (err) {
    return failure(err);
  }
  const hook = await getHook(deps, id, await pageOrigin());
  await auditAs(getServices(), who.viewer, 'hook.secret_rotated', { id, name: hook.name });
  revalidatePath(`/webhooks/${id}`);
  const grace = rotated.previousSecretExpiresAt
    ? `The old secret is accepted until ${rotated.previousSecretExpiresAt.replace('T', ' ').slice(0, 16)} UTC.`
    : 'The old secret no longer works.';
  return {
    status: 'secret', hookId: id, url: hook.url, secret: rotated.secret, curl: curlExample(hook.verify, hook.url, rotated.secret),
    message: `New secret set. ${grace} Copy it now: it is shown only once.`,
  };
}

export async function deleteHookAction(id: string): Promise<void> {
  const viewer = await requireAction('editor');
  await deleteHook(getServices().database.db, id);
  await auditAs(getServices(), viewer, 'hook.deleted', { id });
  revalidatePath('/webhooks');
  redirect('/webhooks');
}

export async function resendDeliveryAction(hookId: string, deliveryId: number): Promise<void> {
  await requireAction('editor');
  const deps = await hookDeps(getServices());
  const row = await loadHookRow(deps.db, hookId);
  if (!row) return;
  await resendDelivery(deps, loadedHook(deps, row, deps.now()), deliveryId);
  revalidatePath(`/webhooks/${hookId}`);
}
