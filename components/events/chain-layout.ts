/**
 * Places a causal chain left to right: each node one column after the furthest node leading to it
 * (events, then the runs they start, then what those emit), rows in order within a column. Pure.
 */
import type { CausalChain } from '@/lib/events/chain';

export interface Placed { key: string; column: number; row: number }

export const COLUMN_WIDTH = 270;
export const ROW_HEIGHT = 86;

export function layoutChain(chain: Pick<CausalChain, 'events' | 'runs' | 'edges'>): Map<string, Placed> {
  const keys = [...chain.events.map((e) => `e:${e.seq}`), ...chain.runs.map((r) => `r:${r.id}`)];
  const incoming = new Map<string, string[]>(keys.map((k) => [k, []]));
  for (const edge of chain.edges) incoming.get(edge.to)?.push(edge.from);
  const column = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (key: string): number => {
    const known = column.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return 0; // a cycle cannot happen in a log, but never loop
    visiting.add(key);
    const parents = incoming.get(key) ?? [];
    const d = parents.length === 0 ? 0 : Math.max(...parents.map(depth)) + 1;
    visiting.delete(key);
    column.set(key, d);
    return d;
  };
  const columns = new Map<number, string[]>();
  for (const key of keys) {
    const c = depth(key);
    columns.set(c, [...(columns.get(c) ?? []), key]);
  }
  // each column in the order of its parents' rows (fewer crossings), the log's order otherwise
  const placed = new Map<string, Placed>();
  for (const c of [...columns.keys()].sort((a, b) => a - b)) {
    const parentRow = (key: string) => {
      const rows = (incoming.get(key) ?? []).map((p) => placed.get(p)?.row).filter((r): r is number => r !== undefined);
      return rows.length === 0 ? Infinity : Math.min(...rows);
    };
    const ordered = columns.get(c)!.map((key, i) => ({ key, i, p: parentRow(key) }))
      .sort((a, b) => (a.p === b.p ? a.i - b.i : a.p - b.p));
    ordered.forEach(({ key }, row) => placed.set(key, { key, column: c, row }));
  }
  return placed;
}
