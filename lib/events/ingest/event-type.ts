const EVENT_TYPE = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

/** Dot-separated words, e.g. `order.placed`. (Local copy; see lib/engine/type-pattern.ts.) */
export function isValidEventType(type: string): boolean {
  return EVENT_TYPE.test(type);
}
