import { relations, sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The append-only event log. `seq` is the position in the log. */
export const events = pgTable('events', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  id: text('id').notNull(),
  source: text('source').notNull(),
  type: text('type').notNull(),
  specversion: text('specversion').notNull().default('1.0'),
  subject: text('subject'),
  time: ts('time'),
  datacontenttype: text('datacontenttype'),
  dataschema: text('dataschema'),
  data: jsonb('data'),
  dataBase64: text('data_base64'),
  extensions: jsonb('extensions').$type<Record<string, string | number | boolean>>().notNull().default({}),
  correlationId: text('correlation_id'),
  causationId: text('causation_id'),
  receivedAt: ts('received_at').notNull().default(sql`clock_timestamp()`),
  /** Set once routing has created every run this event starts; null rows are the routing outbox. */
  routedAt: ts('routed_at'),
}, (t) => [
  uniqueIndex('events_source_id').on(t.source, t.id),
  index('events_type_seq').on(t.type, t.seq),
  index('events_correlation').on(t.correlationId, t.seq),
  index('events_subject').on(t.subject, t.seq),
  index('events_received_at').on(t.receivedAt),
  index('events_unrouted').on(t.seq).where(sql`routed_at is null`),
]);

export const workflows = pgTable('workflows', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description'),
  /** The draft: the workflow document of SPEC §5. */
  document: jsonb('document').notNull(),
  activeVersionId: uuid('active_version_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

/** Immutable published graphs. */
export const workflowVersions = pgTable('workflow_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  workflowId: uuid('workflow_id').notNull().references(() => workflows.id),
  version: integer('version').notNull(),
  document: jsonb('document').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('workflow_versions_number').on(t.workflowId, t.version)]);

/** History of which version was live when; versionId null means deactivated. */
export const activations = pgTable('activations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workflowId: uuid('workflow_id').notNull().references(() => workflows.id),
  versionId: uuid('version_id').references(() => workflowVersions.id),
  at: ts('at').notNull().default(sql`clock_timestamp()`),
}, (t) => [index('activations_workflow_at').on(t.workflowId, t.at)]);

export const runs = pgTable('runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  workflowId: uuid('workflow_id').notNull().references(() => workflows.id),
  versionId: uuid('version_id').notNull().references(() => workflowVersions.id),
  version: integer('version').notNull(),
  eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
  triggerNodeId: text('trigger_node_id').notNull(),
  status: text('status').$type<RunStatus>().notNull().default('queued'),
  replayOf: uuid('replay_of'),
  /** The replay (lib/replays) that started this run; its replay_of is then never null. */
  replayId: uuid('replay_id'),
  error: jsonb('error'),
  createdAt: ts('created_at').notNull().default(sql`clock_timestamp()`),
  startedAt: ts('started_at'),
  finishedAt: ts('finished_at'),
  updatedAt: ts('updated_at').notNull().default(sql`clock_timestamp()`),
}, (t) => [
  uniqueIndex('runs_event_workflow').on(t.eventSeq, t.workflowId).where(sql`replay_of is null`),
  index('runs_workflow_created').on(t.workflowId, t.createdAt),
  index('runs_status').on(t.status, t.updatedAt),
  index('runs_created').on(t.createdAt),
  uniqueIndex('runs_replay_event_workflow').on(t.replayId, t.eventSeq, t.workflowId).where(sql`replay_id is not null`),
  index('runs_replay_status').on(t.replayId, t.status).where(sql`replay_id is not null`),
  index('runs_replay_of').on(t.replayOf).where(sql`replay_of is not null`),
]);

export const steps = pgTable('steps', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  runId: uuid('run_id').notNull().references(() => runs.id, { onDelete: 'cascade' }),
  nodeId: text('node_id').notNull(),
  status: text('status').$type<StepStatus>().notNull(),
  attempt: integer('attempt').notNull().default(0),
  /** The output handle the step took (for planning); null until it finished. */
  handle: text('handle'),
  input: jsonb('input'),
  output: jsonb('output'),
  error: jsonb('error'),
  /** When a pending (retry) or waiting (delay, wait timeout) step is due. */
  dueAt: ts('due_at'),
  startedAt: ts('started_at'),
  finishedAt: ts('finished_at'),
  updatedAt: ts('updated_at').notNull().default(sql`clock_timestamp()`),
}, (t) => [
  uniqueIndex('steps_run_node').on(t.runId, t.nodeId),
  index('steps_open').on(t.updatedAt).where(sql`status in ('pending','running','waiting')`),
]);

/** Open wait_for_event registrations. */
export const waits = pgTable('waits', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  runId: uuid('run_id').notNull().references(() => runs.id, { onDelete: 'cascade' }),
  nodeId: text('node_id').notNull(),
  eventType: text('event_type').notNull(),
  /** The event type pattern as an anchored PostgreSQL regex, so routing can find waits by type. */
  typeRegex: text('type_regex').notNull(),
  match: text('match'),
  /** Events after this position in the log are candidates. */
  afterSeq: bigint('after_seq', { mode: 'number' }).notNull(),
  status: text('status').$type<'waiting' | 'received' | 'timeout' | 'cancelled'>().notNull().default('waiting'),
  eventSeq: bigint('event_seq', { mode: 'number' }),
  timeoutAt: ts('timeout_at'),
  /** Set once the log before the registration has been searched; the reconciler finishes scans a crash cut short. */
  scannedAt: ts('scanned_at'),
  createdAt: ts('created_at').notNull().default(sql`clock_timestamp()`),
}, (t) => [
  uniqueIndex('waits_run_node').on(t.runId, t.nodeId),
  index('waits_open').on(t.eventType).where(sql`status = 'waiting'`),
]);

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull(),
  role: text('role').notNull().default('admin'),
  /** The first characters of the key, enough to recognise it in a list. */
  prefix: text('prefix'),
  /** Who created it (an email or a key name), for the settings list. */
  createdBy: text('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
  expiresAt: ts('expires_at'),
  revokedAt: ts('revoked_at'),
}, (t) => [uniqueIndex('api_keys_hash').on(t.keyHash)]);

/** People who sign in. `email` is stored lower-case; the owner is the admin who set the instance up. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  /** scrypt, self-describing: `scrypt$N$r$p$salt$hash` (lib/auth/password.ts). */
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  isOwner: boolean('is_owner').notNull().default(false),
  createdAt: ts('created_at').notNull().default(sql`clock_timestamp()`),
  lastSignInAt: ts('last_sign_in_at'),
}, (t) => [
  uniqueIndex('users_email').on(t.email),
  // at most one owner, so two racing setups cannot both succeed
  uniqueIndex('users_owner').on(t.isOwner).where(sql`is_owner`),
]);

/** Browser sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: ts('created_at').notNull().default(sql`clock_timestamp()`),
  lastSeenAt: ts('last_seen_at').notNull().default(sql`clock_timestamp()`),
  /** Idle expiry, pushed forward on use but never past `createdAt` + the absolute lifetime. */
  expiresAt: ts('expires_at').notNull(),
  address: text('address'),
  userAgent: text('user_agent'),
}, (t) => [index('sessions_user').on(t.userId), index('sessions_expires').on(t.expiresAt)]);

/** Invitations: a link with a random token (stored as SHA-256) that creates a user with `role`. */
export const invites = pgTable('invites', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  role: text('role').notNull(),
  tokenHash: text('token_hash').notNull(),
  invitedBy: text('invited_by'),
  createdAt: ts('created_at').notNull().default(sql`clock_timestamp()`),
  expiresAt: ts('expires_at').notNull(),
  acceptedAt: ts('accepted_at'),
  revokedAt: ts('revoked_at'),
}, (t) => [uniqueIndex('invites_token').on(t.tokenHash), index('invites_email').on(t.email)]);

/** Failed sign-ins, counted per account and per address for rate limiting; old rows are pruned. */
export const signinFailures = pgTable('signin_failures', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  email: text('email').notNull(),
  address: text('address').notNull(),
  at: ts('at').notNull().default(sql`clock_timestamp()`),
}, (t) => [index('signin_failures_email').on(t.email, t.at), index('signin_failures_address').on(t.address, t.at)]);

/** Named secrets for `{{ secrets.NAME }}`: AES-256-GCM ciphertext (lib/secrets/store.ts), never plain. */
export const secrets = pgTable('secrets', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  value: text('value').notNull(),
  createdBy: text('created_by'),
  updatedBy: text('updated_by'),
  createdAt: ts('created_at').notNull().default(sql`clock_timestamp()`),
  updatedAt: ts('updated_at').notNull().default(sql`clock_timestamp()`),
}, (t) => [uniqueIndex('secrets_name').on(t.name)]);

/** Webhook endpoints. Secrets are AES-256-GCM ciphertext (lib/hooks/secret-box.ts), never plain. */
export const hooks = pgTable('hooks', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** A fixed event type or a `{{ }}` template over the delivery's headers and body. */
  eventType: text('event_type').notNull(),
  subject: text('subject'),
  scheme: text('scheme').notNull(),
  /** The scheme's options without the secret (header, prefix, encoding, idHeader, toleranceSeconds). */
  verify: jsonb('verify').$type<Record<string, unknown>>().notNull().default({}),
  secret: text('secret'),
  /** The secret before the last rotation, still accepted until `previousSecretExpiresAt`. */
  previousSecret: text('previous_secret'),
  previousSecretExpiresAt: ts('previous_secret_expires_at'),
  respond: jsonb('respond').$type<Record<string, unknown>>().notNull().default({ mode: 'async' }),
  createdAt: ts('created_at').notNull().default(sql`clock_timestamp()`),
  updatedAt: ts('updated_at').notNull().default(sql`clock_timestamp()`),
});

/** Every delivery to an endpoint, accepted or refused, with secrets in headers masked. */
export const hookDeliveries = pgTable('hook_deliveries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  hookId: uuid('hook_id').notNull().references(() => hooks.id, { onDelete: 'cascade' }),
  receivedAt: ts('received_at').notNull().default(sql`clock_timestamp()`),
  status: integer('status').notNull(),
  /** verified | failed | skipped (scheme none) | unchecked (refused before the check) | resent */
  verification: text('verification').notNull(),
  verificationDetail: text('verification_detail'),
  /** new | duplicate; null when no event was logged. */
  dedupe: text('dedupe'),
  eventId: text('event_id'),
  eventSeq: bigint('event_seq', { mode: 'number' }),
  error: jsonb('error').$type<{ code: string; message: string }>(),
  headers: jsonb('headers').$type<[string, string][]>().notNull(),
  body: text('body'),
  bodyBytes: integer('body_bytes'),
  bodyTruncated: boolean('body_truncated').notNull().default(false),
  resentFrom: bigint('resent_from', { mode: 'number' }),
  durationMs: integer('duration_ms'),
}, (t) => [index('hook_deliveries_hook').on(t.hookId, t.id)]);

/**
 * Replays of the log (lib/replays): a range of logged events walked in batches into new runs
 * (`replay`), simulated against drafts with only a comparison stored (`shadow`), or one event sent
 * again to one workflow (`resend`).
 */
export const replays = pgTable('replays', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<ReplayKind>().notNull(),
  status: text('status').$type<ReplayStatus>().notNull().default('running'),
  fromAt: ts('from_at').notNull(),
  toAt: ts('to_at').notNull(),
  typePattern: text('type_pattern'),
  source: text('source'),
  /** null: every workflow the events match. */
  workflowIds: jsonb('workflow_ids').$type<string[] | null>(),
  version: text('version').$type<ReplayVersion>().notNull(),
  /** Whether events emitted by the replay's runs start further runs of the same replay. */
  cascade: boolean('cascade').notNull().default(false),
  /** Shadow replays: each workflow's draft as it was when the replay started. */
  drafts: jsonb('drafts').$type<Record<string, unknown> | null>(),
  /** The walk: events with seq in (cursor_seq, max_seq] are still to do. */
  cursorSeq: bigint('cursor_seq', { mode: 'number' }).notNull().default(0),
  maxSeq: bigint('max_seq', { mode: 'number' }).notNull(),
  /** Bumped by every batch; the job for batch n does its work only while this is still n. */
  batch: integer('batch').notNull().default(0),
  eventsTotal: integer('events_total').notNull(),
  eventsDone: integer('events_done').notNull().default(0),
  /** The dry-run count of runs made when it started (the progress bar's end). */
  runsEstimate: integer('runs_estimate').notNull().default(0),
  error: jsonb('error'),
  createdBy: text('created_by'),
  createdAt: ts('created_at').notNull().default(sql`clock_timestamp()`),
  updatedAt: ts('updated_at').notNull().default(sql`clock_timestamp()`),
  /** When the walk reached the end of the range (runs may still be going). */
  walkedAt: ts('walked_at'),
  finishedAt: ts('finished_at'),
}, (t) => [
  index('replays_created').on(t.createdAt),
  index('replays_open').on(t.updatedAt).where(sql`status in ('running', 'paused')`),
]);

/** A shadow replay's comparison of one (event, workflow): per node, same / changed / new / missing. */
export const shadowResults = pgTable('shadow_results', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  replayId: uuid('replay_id').notNull().references(() => replays.id, { onDelete: 'cascade' }),
  eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
  workflowId: uuid('workflow_id').notNull(),
  originalRunId: uuid('original_run_id'),
  nodes: jsonb('nodes').$type<unknown[]>().notNull(),
  /** How many nodes are not `same`. */
  differences: integer('differences').notNull(),
  createdAt: ts('created_at').notNull().default(sql`clock_timestamp()`),
}, (t) => [
  uniqueIndex('shadow_results_key').on(t.replayId, t.eventSeq, t.workflowId),
  index('shadow_results_replay').on(t.replayId, t.id),
]);

/** How long events of a type (pattern) are kept; no row (or keep_seconds null) keeps them forever. */
export const retentionPolicies = pgTable('retention_policies', {
  typePattern: text('type_pattern').primaryKey(),
  /** The pattern as an anchored PostgreSQL regex, for the sweep's delete. */
  typeRegex: text('type_regex').notNull(),
  keepSeconds: bigint('keep_seconds', { mode: 'number' }),
  updatedBy: text('updated_by'),
  updatedAt: ts('updated_at').notNull().default(sql`clock_timestamp()`),
});

export type ReplayKind = 'replay' | 'shadow' | 'resend';
export type ReplayStatus = 'running' | 'paused' | 'cancelled' | 'completed' | 'failed';
export type ReplayVersion = 'pinned' | 'latest' | 'draft';
export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type StepStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped';

export const runRelations = relations(runs, ({ many }) => ({ steps: many(steps) }));
export const stepRelations = relations(steps, ({ one }) => ({ run: one(runs, { fields: [steps.runId], references: [runs.id] }) }));
