/** Value helpers that follow JSONata's own rules. */

/**
 * JSONata's truthiness (`$boolean`): empty string, 0, null, false, undefined, empty array,
 * empty object and functions are false; an array is true when any member is.
 */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some(isTruthy);
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return value.length > 0;
    case 'number':
      return value !== 0;
    case 'object':
      return !isJsonataFunction(value) && Object.keys(value).length > 0;
    default:
      return false;
  }
}

export function isJsonataFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return v._jsonata_lambda === true || v._jsonata_function === true;
}
