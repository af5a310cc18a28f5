/** Fresh node and edge ids that do not collide with the ones a graph already has. */
import { NODE_ID_RE } from '@/lib/engine/graph';

/** `base`, else `base_2`, `base_3`, …; a copy of `charge_2` becomes `charge_3`. */
export function uniqueNodeId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/_\d+$/, '') || 'node';
  if (!taken.has(base) && NODE_ID_RE.test(base)) return base;
  for (let i = 2; ; i++) {
    const id = `${stem}_${i}`;
    if (!taken.has(id)) return id;
  }
}

/** A generator of `e<n>` edge ids above every `e<n>` already taken. */
export function edgeIdFactory(taken: Iterable<string>): () => string {
  const used = new Set(taken);
  let next = 1;
  for (const id of used) {
    const m = /^e(\d+)$/.exec(id);
    if (m) next = Math.max(next, Number(m[1]) + 1);
  }
  return () => {
    while (used.has(`e${next}`)) next++;
    const id = `e${next++}`;
    used.add(id);
    return id;
  };
}
