import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { hooks } from '@/db/schema';
import { ApiError, notFound } from '@/lib/http/errors';
import {
  DEFAULT_EVENT_TYPES, hookInputSchema, optionsOf, rotateSchema, verifySchema, type HookInput, type RespondOptions, type VerifyOptions,
} from './document';
import { latestDeliveries } from './deliveries';
import { openSecret, sealSecret, SecretBoxError } from './secret-box';
import { generateSecret, secretHint } from './secrets';

export type HookRow = typeof hooks.$inferSelect;

/** What hook services need: the database and the key that seals stored secrets. */
export interface HookStore {
  db: Db;
  key: Buffer;
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export const hookUrl = (origin: string, id: string) => `${origin.replace(/\/$/, '')}/api/hooks/${id}`;

function parse<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new ApiError('bad_request', `${what} is not valid: ${details.map((d) => `${d.path || '(body)'} ${d.message}`).join('; ')}`, details);
}

export const optionsOfRow = (row: HookRow) => ({ ...row.verify, scheme: row.scheme }) as VerifyOptions;

/** The secret's last characters; a secret sealed under another CAUSEWAY_SECRET is reported, not fatal here. */
function hintOf(store: HookStore, sealed: string, id: string): string {
  try {
    return secretHint(openSecret(store.key, sealed, id));
  } catch (err) {
    if (err instanceof SecretBoxError) return 'unreadable: was CAUSEWAY_SECRET changed?';
    throw err;
  }
}

export function presentHook(store: HookStore, row: HookRow, origin: string) {
  const previousLive = row.previousSecret !== null && row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > new Date();
  return {
    id: row.id,
    name: row.name,
    url: hookUrl(origin, row.id),
    eventType: row.eventType,
    ...(row.subject !== null ? { subject: row.subject } : {}),
    verify: optionsOfRow(row),
    secretHint: row.secret === null ? null : hintOf(store, row.secret, row.id),
    previousSecretExpiresAt: previousLive ? row.previousSecretExpiresAt!.toISOString() : null,
    respond: row.respond as RespondOptions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type HookView = ReturnType<typeof presentHook>;

export async function loadHookRow(db: Db, id: string): Promise<HookRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(hooks).where(eq(hooks.id, id));
  return row;
}

async function mustLoad(db: Db, id: string): Promise<HookRow> {
  const row = await loadHookRow(db, id);
  if (!row) throw notFound('webhook endpoint');
  return row;
}

/** The plain secret to set: the one given, else a generated one; Stripe issues its own, so it must be given. */
function newSecret(verify: HookInput['verify']): string | null {
  if (verify.scheme === 'none') return null;
  if (verify.secret !== undefined) return verify.secret;
  if (verify.scheme === 'stripe') {
    throw new ApiError('bad_request', 'verify.secret is required for stripe: paste the signing secret Stripe shows for the endpoint (whsec_…)');
  }
  return generateSecret(verify.scheme);
}

function columns(input: HookInput) {
  return {
    name: input.name,
    eventType: input.eventType ?? DEFAULT_EVENT_TYPES[input.verify.scheme]!,
    subject: input.subject ?? null,
    scheme: input.verify.scheme,
    verify: optionsOf(input.verify) as Record<string, unknown>,
    respond: input.respond as Record<string, unknown>,
  };
}

/** Creates an endpoint; the secret is returned this once and stored only sealed. */
export async function createHook(store: HookStore, body: unknown, origin: string): Promise<HookView & { secret: string | null }> {
  const input = parse(hookInputSchema, body, 'the webhook endpoint');
  const id = randomUUID();
  const secret = newSecret(input.verify);
  const [row] = await store.db.insert(hooks).values({
    id, ...columns(input), secret: secret === null ? null : sealSecret(store.key, secret, id),
  }).returning();
  return { ...presentHook(store, row!, origin), secret };
}

/** Every endpoint, newest first, each with its latest delivery. */
export async function listHooks(store: HookStore, origin: string) {
  const [rows, latest] = await Promise.all([
    store.db.select().from(hooks).orderBy(desc(hooks.createdAt)),
    latestDeliveries(store.db),
  ]);
  return rows.map((row) => ({ ...presentHook(store, row, origin), lastDelivery: latest.get(row.id) ?? null }));
}

export async function getHook(store: HookStore, id: string, origin: string): Promise<HookView> {
  return presentHook(store, await mustLoad(store.db, id), origin);
}

/**
 * Replaces an endpoint's settings. The secret stays unless one is given or the scheme changes
 * (then a new one is set, and returned this once).
 */
export async function updateHook(store: HookStore, id: string, body: unknown, origin: string): Promise<HookView & { secret?: string | null }> {
  const existing = await mustLoad(store.db, id);
  const input = parse(hookInputSchema, body, 'the webhook endpoint');
  const schemeChanged = input.verify.scheme !== existing.scheme;
  const replace = schemeChanged || (input.verify.scheme !== 'none' && input.verify.secret !== undefined);
  const secret = replace ? newSecret(input.verify) : undefined;
  const [row] = await store.db.update(hooks).set({
    ...columns(input),
    ...(replace ? {
      secret: secret == null ? null : sealSecret(store.key, secret, id), previousSecret: null, previousSecretExpiresAt: null,
    } : {}),
    updatedAt: sql`clock_timestamp()`,
  }).where(eq(hooks.id, id)).returning();
  return { ...presentHook(store, row!, origin), ...(replace ? { secret } : {}) };
}

export async function deleteHook(db: Db, id: string): Promise<void> {
  const deleted = await db.delete(hooks).where(eq(hooks.id, id)).returning({ id: hooks.id });
  if (deleted.length === 0) throw notFound('webhook endpoint');
}

/** A new secret; the old one keeps being accepted for `graceSeconds`, so senders can switch over. */
export async function rotateHookSecret(store: HookStore, id: string, body: unknown) {
  const existing = await mustLoad(store.db, id);
  const input = parse(rotateSchema, body ?? {}, 'the rotation');
  if (existing.scheme === 'none' || existing.secret === null) {
    throw new ApiError('conflict', 'this endpoint accepts unsigned deliveries (scheme none) and has no secret to rotate');
  }
  const verify = parse(verifySchema, { ...optionsOfRow(existing), secret: input.secret }, 'the rotation');
  const secret = newSecret(verify)!;
  const expiresAt = input.graceSeconds > 0 ? new Date(Date.now() + input.graceSeconds * 1000) : null;
  await store.db.update(hooks).set({
    secret: sealSecret(store.key, secret, id),
    previousSecret: expiresAt ? existing.secret : null,
    previousSecretExpiresAt: expiresAt,
    updatedAt: sql`clock_timestamp()`,
  }).where(eq(hooks.id, id));
  return { id, secret, previousSecretExpiresAt: expiresAt?.toISOString() ?? null };
}

/** An endpoint ready to take a delivery: its options and every secret it accepts right now. */
export interface LoadedHook {
  id: string;
  eventType: string;
  subject: string | null;
  options: VerifyOptions;
  respond: RespondOptions;
  secrets: string[];
}

export function loadedHook(store: HookStore, row: HookRow, now: Date): LoadedHook {
  const secrets: string[] = [];
  if (row.secret !== null) secrets.push(openSecret(store.key, row.secret, row.id));
  if (row.previousSecret !== null && row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now) {
    secrets.push(openSecret(store.key, row.previousSecret, row.id));
  }
  return {
    id: row.id, eventType: row.eventType, subject: row.subject, options: optionsOfRow(row),
    respond: row.respond as RespondOptions, secrets,
  };
}
