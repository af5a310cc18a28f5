/** Problems of one node on its own: type, config, policy, expressions and templates. */
import { z } from 'zod';
import { checkExpressionSyntax, parseTemplate, walkStrings } from './expressions';
import { onErrorSchema, retrySchema, type WorkflowNode } from './graph';
import { getNodeDefinition } from './nodes';
import type { Problem } from './problems';

function issueMessages(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((i) => `${[prefix, ...i.path.map(String)].join('.')}: ${i.message}`);
}

export function validateNode(node: WorkflowNode): Problem[] {
  const nodeId = node.id;
  const def = getNodeDefinition(node.type);
  if (!def) {
    return [{ nodeId, code: 'unknown_node_type', message: `unknown node type "${node.type}"` }];
  }
  const problems: Problem[] = [];
  const config = node.config ?? {};
  const parsed = def.configSchema.safeParse(config);
  if (!parsed.success) {
    for (const message of issueMessages(parsed.error, 'config')) problems.push({ nodeId, code: 'config', message });
  }
  const policy: Array<[string, z.ZodType]> = [
    ['retry', retrySchema],
    ['onError', onErrorSchema],
  ];
  for (const [key, schema] of policy) {
    if (config[key] === undefined) continue;
    const r = schema.safeParse(config[key]);
    if (!r.success) {
      for (const message of issueMessages(r.error, `config.${key}`)) problems.push({ nodeId, code: 'config', message });
    }
  }

  const expressionPaths = new Set<string>();
  for (const field of def.expressionFields?.(config) ?? []) {
    expressionPaths.add(field.path);
    const p = checkExpressionSyntax(field.expression);
    if (p) {
      problems.push({
        nodeId,
        code: 'expression',
        message: `config.${field.path}: invalid expression: ${p.message} (at position ${p.position})`,
      });
    }
  }

  walkStrings(config, (s, path) => {
    const where = ['config', ...path].join('.');
    if (!s.includes('{{') || expressionPaths.has(path.join('.'))) return;
    const parsedTemplate = parseTemplate(s);
    if (parsedTemplate.unclosedAt !== undefined) {
      problems.push({
        nodeId,
        code: 'template',
        message: `${where}: "{{" at position ${parsedTemplate.unclosedAt} is never closed with "}}"`,
      });
    }
    for (const part of parsedTemplate.parts) {
      if (!('expr' in part)) continue;
      const p = checkExpressionSyntax(part.expr);
      if (p) {
        problems.push({
          nodeId,
          code: 'template',
          message: `${where}: invalid expression in {{ ${part.expr} }}: ${p.message}`,
        });
      }
    }
  });
  return problems;
}
