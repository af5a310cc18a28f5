/**
 * Takes items off the front of `queue` while their total size stays within `max` (always at least
 * one, however large), so that what waited together goes together without splitting an item.
 */
export function takeUpTo<T>(queue: T[], sizeOf: (item: T) => number, max: number): T[] {
  const taken: T[] = [];
  let size = 0;
  while (queue.length > 0 && (taken.length === 0 || size + sizeOf(queue[0]) <= max)) {
    const next = queue.shift()!;
    taken.push(next);
    size += sizeOf(next);
  }
  return taken;
}
