import { describe, expect, it } from 'vitest';
import { replayMarks, replayAsOf, replayIdOf } from '@/lib/replays/marks';
import { parseReplayRequest } from '@/lib/replays/request';

const now = new Date('2025-06-01T12:00:00Z');
const base = { from: '2025-06-01T10:00:00Z', to: '2025-06-01T11:00:00Z' };

describe('parseReplayRequest', () => {
  it('fills in the defaults', () => {
    expect(parseReplayRequest(base, now)).toMatchObject({ version: 'pinned', cascade: false, dryRun: false, from: new Date(base.from) });
  });

  it.each([
    [{ ...base, from: base.to, to: base.from }, /before "to"/],
    [{ from: '2025-07-01T00:00:00Z', to: '2025-07-02T00:00:00Z' }, /future/],
    [{ ...base, version: 'draft' }, /needs workflowIds/],
    [{ ...base, version: 'draft', workflowIds: ['00000000-0000-4000-8000-000000000000'], cascade: true }, /cannot cascade/],
    [{ ...base, workflowIds: ['00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000000'] }, /twice/],
    [{ ...base, type: 'a..b' }, /type pattern/],
    [{ ...base, extra: 1 }, /extra/],
    [{ ...base, workflowIds: ['x'] }, /UUID|uuid/],
  ])('refuses %j', (body, message) => {
    expect(() => parseReplayRequest(body, now)).toThrow(message);
  });
});

describe('replay marks', () => {
  it('marks a replayed run\'s events with its replay and the moment its versions are pinned to', () => {
    const trigger = { receivedAt: '2025-01-01T00:00:00.000Z' };
    expect(replayMarks({ replayId: null }, trigger)).toBeUndefined();
    expect(replayMarks({ replayId: 'r1' }, trigger)).toEqual({ replayid: 'r1', replayasof: '2025-01-01T00:00:00.000Z' });
    // a cascaded run keeps the moment of the chain's first event
    expect(replayMarks({ replayId: 'r1' }, { ...trigger, replayasof: '2024-12-24T00:00:00.000Z' })?.replayasof).toBe('2024-12-24T00:00:00.000Z');
  });

  it('reads them back', () => {
    expect(replayIdOf({ replayid: 'r1' })).toBe('r1');
    expect(replayIdOf({ replayid: '' })).toBeUndefined();
    expect(replayIdOf(null)).toBeUndefined();
    expect(replayAsOf({ replayasof: '2025-01-01T00:00:00Z' })?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(replayAsOf({ replayasof: 'never' })).toBeUndefined();
  });
});
