/**
 * How events emitted by replayed runs are marked in the log: CloudEvents extension attributes.
 * `replayid` names the replay; `replayasof` is the moment whose versions a `pinned` replay runs
 * (the original event's receivedAt), carried along so that a cascade stays on those versions.
 * Routing starts no run for such an event unless its replay asked to cascade (lib/replays/cascade.ts).
 */
export const REPLAY_ID_EXTENSION = 'replayid';
export const REPLAY_AS_OF_EXTENSION = 'replayasof';

type Extensions = Record<string, unknown> | null | undefined;

export function replayIdOf(extensions: Extensions): string | undefined {
  const value = extensions?.[REPLAY_ID_EXTENSION];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function replayAsOf(extensions: Extensions): Date | undefined {
  const value = extensions?.[REPLAY_AS_OF_EXTENSION];
  if (typeof value !== 'string') return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * The extensions an `emit` step of a replayed run adds to its event: the replay's id and the
 * moment its versions are pinned to (inherited from a trigger that already carries one).
 */
export function replayMarks(run: { replayId: string | null }, trigger: { receivedAt: string; [key: string]: unknown }): Record<string, string> | undefined {
  if (!run.replayId) return undefined;
  const inherited = trigger[REPLAY_AS_OF_EXTENSION];
  return {
    [REPLAY_ID_EXTENSION]: run.replayId,
    [REPLAY_AS_OF_EXTENSION]: typeof inherited === 'string' ? inherited : trigger.receivedAt,
  };
}
