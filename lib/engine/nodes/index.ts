/** The catalog of node types and what the rest of the engine asks of a node. */
import { ERROR_HANDLE, nodePolicy, type WorkflowNode } from '../graph';
import { codeNode } from './code';
import { conditionNode } from './condition';
import { delayNode } from './delay';
import { emitNode } from './emit';
import { failNode } from './fail';
import { httpNode } from './http';
import { switchNode } from './switch';
import { transformNode } from './transform';
import { triggerEventNode } from './trigger-event';
import { triggerManualNode } from './trigger-manual';
import { triggerScheduleNode } from './trigger-schedule';
import type { NodeDefinition } from './types';
import { waitForEventNode } from './wait-for-event';

export * from './types';
export { DEFAULT_HANDLE, ERROR_HANDLE } from '../graph';
export { triggerMatches, triggerFilterScope } from './trigger-event';
export { nextScheduleTick, cronProblem, isValidTimezone } from './trigger-schedule';
export { SWITCH_DEFAULT_HANDLE } from './switch';
export { WAIT_RECEIVED_HANDLE, WAIT_TIMEOUT_HANDLE, waitMatches } from './wait-for-event';
export { HTTP_METHODS, HTTP_DEFAULT_TIMEOUT_MS, HTTP_MAX_TIMEOUT_MS } from './http';
export { CODE_DEFAULT_TIMEOUT_MS, CODE_MAX_TIMEOUT_MS, CODE_DEFAULT_MEMORY_MB, CODE_MIN_MEMORY_MB, CODE_MAX_MEMORY_MB, type CodeOutput } from './code';

export const nodeRegistry: Record<string, NodeDefinition> = Object.fromEntries(
  [
    triggerEventNode,
    triggerScheduleNode,
    triggerManualNode,
    httpNode,
    transformNode,
    conditionNode,
    switchNode,
    delayNode,
    waitForEventNode,
    emitNode,
    codeNode,
    failNode,
  ].map((d) => [d.type, d]),
);

export function getNodeDefinition(type: string): NodeDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(nodeRegistry, type) ? nodeRegistry[type] : undefined;
}

/** Whether a node is a trigger (unknown `trigger.*` types count as triggers too). */
export function isTriggerNode(node: Pick<WorkflowNode, 'type'>): boolean {
  return getNodeDefinition(node.type)?.isTrigger ?? node.type.startsWith('trigger.');
}

/**
 * Every output handle of a node: its type's handles plus `error` when `onError` is `branch`
 * (not for triggers, nor for `fail`, which has no outputs at all). Unknown types: [].
 */
export function outputHandles(node: Pick<WorkflowNode, 'type' | 'config' | 'retry' | 'onError'>): string[] {
  const def = getNodeDefinition(node.type);
  if (!def) return [];
  const handles = def.handles(node.config ?? {});
  if (!def.isTrigger && def.type !== 'fail' && nodePolicy(node).onError === 'branch') {
    return [...handles, ERROR_HANDLE];
  }
  return handles;
}
