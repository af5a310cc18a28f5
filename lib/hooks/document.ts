import { z } from 'zod';
import { checkExpressionSyntax, parseTemplate } from '@/lib/engine/expressions';
import { isValidEventType } from '@/lib/engine/type-pattern';
import { isStandardWebhooksSecret } from './secrets';

/** The verification schemes of SPEC §4 Webhooks. */
export const SCHEMES = ['standard-webhooks', 'github', 'stripe', 'hmac-sha256', 'token', 'none'] as const;
export type Scheme = (typeof SCHEMES)[number];

const headerName = z.string().trim().toLowerCase()
  .regex(/^[!#$%&'*+.^_`|~0-9a-z-]{1,100}$/, { error: 'must be an HTTP header name (e.g. x-signature)' });
const tolerance = z.number().int().min(1).max(3600).default(300);
const secret = z.string().min(16, { error: 'must be at least 16 characters' }).max(500)
  .refine((s) => s.trim() === s, { error: 'must not start or end with whitespace' });

const standardWebhooks = z.strictObject({
  scheme: z.literal('standard-webhooks'),
  secret: secret.refine(isStandardWebhooksSecret, {
    error: 'must be "whsec_" followed by the base64 of at least 16 random bytes',
  }).optional(),
  toleranceSeconds: tolerance,
});
const github = z.strictObject({ scheme: z.literal('github'), secret: secret.optional() });
const stripe = z.strictObject({
  scheme: z.literal('stripe'),
  secret: secret.optional(),
  toleranceSeconds: tolerance,
});
const hmacSha256 = z.strictObject({
  scheme: z.literal('hmac-sha256'),
  secret: secret.optional(),
  header: headerName.default('x-signature'),
  prefix: z.string().max(50).default(''),
  encoding: z.enum(['hex', 'base64']).default('hex'),
  idHeader: headerName.optional(),
});
const token = z.strictObject({
  scheme: z.literal('token'),
  secret: secret.optional(),
  header: headerName.default('x-webhook-token'),
  prefix: z.string().max(50).default(''),
  idHeader: headerName.optional(),
});
const none = z.strictObject({ scheme: z.literal('none'), idHeader: headerName.optional() });

export const verifySchema = z.discriminatedUnion('scheme', [standardWebhooks, github, stripe, hmacSha256, token, none], {
  error: `verify.scheme must be one of ${SCHEMES.join(', ')} (choose "none" explicitly to accept unsigned deliveries)`,
});

export type VerifyInput = z.infer<typeof verifySchema>;
/** The stored options of a scheme: everything but the secret. */
export type VerifyOptions = VerifyInput extends infer V ? V extends unknown ? Omit<V, 'secret'> : never : never;

export const respondSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('async') }),
  z.strictObject({
    mode: z.literal('sync'),
    /** The step whose output answers the delivery. */
    nodeId: z.string().min(1).max(200),
    /** Only runs of this workflow, when several have a step with that id. */
    workflowId: z.uuid().optional(),
    respondTimeoutMs: z.number().int().min(100).max(30_000).default(10_000),
  }),
], { error: 'respond.mode must be "async" or "sync"' });

export type RespondOptions = z.infer<typeof respondSchema>;

/** Event types derived from the request when none is given, for senders that name their events. */
export const DEFAULT_EVENT_TYPES: Partial<Record<Scheme, string>> = {
  github: 'github.{{ headers."x-github-event" }}',
  stripe: 'stripe.{{ body.type }}',
  'standard-webhooks': '{{ body.type }}',
};

/** Problems of an event type (or subject) template; an event type without `{{ }}` must be valid as it is. */
export function templateProblem(value: string, kind: 'eventType' | 'subject'): string | undefined {
  if (!value.includes('{{')) {
    if (kind === 'eventType' && !isValidEventType(value)) {
      return 'must be dot-separated words of letters, digits, "_" or "-" (e.g. order.placed), or a {{ }} template';
    }
    return undefined;
  }
  const parsed = parseTemplate(value);
  if (parsed.unclosedAt !== undefined) return `has a "{{" at position ${parsed.unclosedAt} that is never closed`;
  for (const part of parsed.parts) {
    if (!('expr' in part)) continue;
    const problem = checkExpressionSyntax(part.expr);
    if (problem) return `{{ ${part.expr} }}: ${problem.message} (at position ${problem.position})`;
  }
  return undefined;
}

const template = (kind: 'eventType' | 'subject') => z.string().trim().min(1).max(500).superRefine((value, ctx) => {
  const problem = templateProblem(value, kind);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The body of `POST /api/hooks` and `PUT /api/hooks/{id}`. */
export const hookInputSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'is required' }).max(200),
  eventType: template('eventType').optional(),
  subject: template('subject').optional(),
  verify: verifySchema,
  respond: respondSchema.default({ mode: 'async' }),
}).superRefine((hook, ctx) => {
  if (hook.eventType === undefined && DEFAULT_EVENT_TYPES[hook.verify.scheme] === undefined) {
    ctx.addIssue({
      code: 'custom', path: ['eventType'],
      message: `is required for the ${hook.verify.scheme} scheme (a type such as order.placed, or a template such as {{ body.kind }})`,
    });
  }
});

export type HookInput = z.infer<typeof hookInputSchema>;

export const rotateSchema = z.strictObject({
  /** A secret to use instead of a generated one (Stripe's rolled secret, for instance). */
  secret: secret.optional(),
  /** How long the old secret keeps being accepted; 0 retires it at once. */
  graceSeconds: z.number().int().min(0).max(7 * 24 * 3600).default(24 * 3600),
});

export function optionsOf(verify: VerifyInput): VerifyOptions {
  const { secret: _secret, ...options } = verify as VerifyInput & { secret?: string };
  return options as VerifyOptions;
}
