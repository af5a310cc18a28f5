/** One request on the wire: a redirect produces the next one. */
export interface Hop {
  url: URL;
  method: string;
  /** Lower-cased header names, final values. */
  headers: Record<string, string>;
  body: Buffer | undefined;
}
