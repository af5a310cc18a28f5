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
  createdAt: ts('created_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
  expiresAt: ts('expires_at'),
  revokedAt: ts('revoked_at'),
}, (t) => [uniqueIndex('api_keys_hash').on(t.keyHash)]);

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

export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type StepStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped';

export const runRelations = relations(runs, ({ many }) => ({ steps: many(steps) }));
export const stepRelations = relations(steps, ({ one }) => ({ run: one(runs, { fields: [steps.runId], references: [runs.id] }) }));
