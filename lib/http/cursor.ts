/** Opaque page cursors over a numeric position (event seq, run ordering key). */
export function encodeCursor(value: number | string): string {
  return Buffer.from(String(value)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null): number | undefined {
  if (!cursor) return undefined;
  const value = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isSafeInteger(value)) throw new CursorError();
  return value;
}

export function decodeTextCursor(cursor: string | undefined | null): string | undefined {
  return cursor ? Buffer.from(cursor, 'base64url').toString() : undefined;
}

export class CursorError extends Error {
  constructor() { super('cursor is not valid'); }
}
