/** What the palette and the node cards show for each node type of the engine's catalog. */
import { nodeRegistry, type NodeCategory, type NodeDefinition } from '@/lib/engine/nodes';
import type { StepData } from './to-graph';

export interface PaletteGroup {
  category: NodeCategory;
  title: string;
  types: NodeDefinition[];
}

const GROUP_TITLES: Record<NodeCategory, string> = {
  trigger: 'Triggers',
  action: 'Actions',
  flow: 'Flow control',
  events: 'Events',
};

export const paletteGroups: PaletteGroup[] = (Object.keys(GROUP_TITLES) as NodeCategory[]).map((category) => ({
  category,
  title: GROUP_TITLES[category],
  types: Object.values(nodeRegistry).filter((d) => d.category === category),
}));

/** Base of the ids given to new nodes (the names later steps use: `steps.<id>`). */
const ID_BASES: Record<string, string> = {
  'trigger.event': 'trigger',
  'trigger.schedule': 'schedule',
  'trigger.manual': 'manual',
  wait_for_event: 'wait',
};

export function idBase(type: string): string {
  return ID_BASES[type] ?? (type.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[^A-Za-z_]/, '_') || 'node');
}

/** The config a node starts with when dropped on the canvas: required fields left for the user. */
export function defaultConfig(type: string): Record<string, unknown> {
  switch (type) {
    case 'trigger.event': return { eventType: '' };
    case 'trigger.schedule': return { cron: '0 * * * *' };
    case 'http': return { method: 'GET', url: '' };
    case 'transform':
    case 'condition': return { expression: '' };
    case 'switch': return { cases: [{ id: 'case1', expression: '' }] };
    case 'delay': return { duration: '1m' };
    case 'wait_for_event': return { eventType: '', timeout: '1h' };
    case 'emit': return { eventType: '' };
    case 'code': return { source: '// event, steps and run are in scope\nreturn {};' };
    case 'fail': return { message: '' };
    default: return {};
  }
}

export function categoryOf(type: string): NodeCategory | 'unknown' {
  return nodeRegistry[type]?.category ?? 'unknown';
}

export function typeLabel(type: string): string {
  return nodeRegistry[type]?.label ?? type;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/** One line saying what a node does, for its card. */
export function nodeSummary(data: StepData): string {
  const c = data.config ?? {};
  switch (data.type) {
    case 'trigger.event': return `${str(c.eventType) || 'no event type'}${c.filter ? ' · filtered' : ''}`;
    case 'trigger.schedule': return `${str(c.cron)}${c.timezone ? ` (${str(c.timezone)})` : ''}`;
    case 'trigger.manual': return 'Started by hand or the API';
    case 'http': return `${str(c.method)} ${str(c.url).replace(/^https?:\/\//, '') || 'no URL'}`;
    case 'transform':
    case 'condition': return str(c.expression) || 'no expression';
    case 'switch': {
      const n = Array.isArray(c.cases) ? c.cases.length : 0;
      return `${n} case${n === 1 ? '' : 's'} and default`;
    }
    case 'delay': return c.until ? `until ${str(c.until)}` : `for ${str(c.duration)}`;
    case 'wait_for_event': return `${str(c.eventType) || 'no event type'}${c.timeout ? ` · ${str(c.timeout)}` : ''}`;
    case 'emit': return str(c.eventType) || 'no event type';
    case 'code': return str(c.source).split('\n').find((l) => l.trim() && !l.trim().startsWith('//')) ?? 'JavaScript';
    case 'fail': return str(c.message) || 'no message';
    default: return 'unknown node type';
  }
}
