/** Helpers shared by node types: config parsing, templates and expressions inside run(). */
import { z } from 'zod';
import { DEFAULT_HANDLE } from '../graph';
import { evaluateExpression, renderTemplate } from '../expressions';
import { NodeError, type ExpressionField, type NodeContext } from './types';

export const single = (): string[] => [DEFAULT_HANDLE];

export function isTemplated(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

/** A non-empty JSONata expression (syntax is checked by validation and at run time). */
export const expressionString = z.string().trim().min(1, 'an expression is required');

/** Formats zod issues as `field: message; field: message`. */
export function formatIssues(error: z.ZodError, prefix = 'config'): string {
  return error.issues
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`)
    .join('; ');
}

/** The node's config parsed by its schema; a non-retriable NodeError when it does not fit. */
export function parseConfig<S extends z.ZodType>(schema: S, ctx: NodeContext): z.output<S> {
  const parsed = schema.safeParse(ctx.node.config ?? {});
  if (!parsed.success) {
    throw new NodeError(`invalid config: ${formatIssues(parsed.error)}`, { code: 'config' });
  }
  return parsed.data;
}

function evalOptions(ctx: NodeContext) {
  return ctx.expressionTimeoutMs === undefined ? undefined : { timeoutMs: ctx.expressionTimeoutMs };
}

/** Renders `{{ }}` templates in a config value against the run scope. */
export async function render(ctx: NodeContext, field: string, value: unknown): Promise<unknown> {
  const r = await renderTemplate(value, ctx.scope, evalOptions(ctx));
  if (!r.ok) throw new NodeError(`config.${field}: ${r.error}`, { code: 'template' });
  return r.value;
}

/** Evaluates a JSONata config field against the run scope. */
export async function evaluate(ctx: NodeContext, field: string, expression: string): Promise<unknown> {
  const r = await evaluateExpression(expression, ctx.scope, evalOptions(ctx));
  if (!r.ok) throw new NodeError(`config.${field}: ${r.error}`, { code: 'expression' });
  return r.value;
}

/** Reads `config[key]` as an expression field when it is a string. */
export function stringField(config: unknown, key: string): ExpressionField[] {
  const value = config && typeof config === 'object' ? (config as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? [{ path: key, expression: value }] : [];
}

export function done(output: unknown, handle?: string) {
  return handle === undefined ? { kind: 'done' as const, output } : { kind: 'done' as const, output, handle };
}
