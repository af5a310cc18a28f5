/**
 * A stream position, sent as each message's SSE id and given back as Last-Event-ID: the highest
 * event seq the client has seen and the publish time (ms) of the newest change it has seen.
 */
export interface LiveCursor {
  seq: number;
  ms: number;
}

export const encodeLiveCursor = (c: LiveCursor) => `${c.seq}-${c.ms}`;

export function decodeLiveCursor(text: string | null | undefined): LiveCursor | undefined {
  const m = text?.trim().match(/^(\d{1,15})-(\d{1,15})$/);
  return m ? { seq: Number(m[1]), ms: Number(m[2]) } : undefined;
}

/** The cursor after a message with these coordinates. */
export function advanceCursor(c: LiveCursor, seq: number | undefined, at: string): LiveCursor {
  const ms = Date.parse(at);
  return { seq: seq !== undefined && seq > c.seq ? seq : c.seq, ms: Number.isFinite(ms) && ms > c.ms ? ms : c.ms };
}
