'use client';
/**
 * Subscribes to `GET /api/stream` with EventSource (which reconnects by itself and resumes with
 * Last-Event-ID). Messages are handed over in small batches; `onReset` asks the page to reload
 * what it shows when more was missed than a resume sends.
 */
import { useEffect, useRef, useState } from 'react';
import type { LiveMessage } from '@/lib/live/types';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'off';

export interface LiveOptions {
  /** Where the page's data was read, so that nothing between that and the subscription is lost. */
  lastEventId?: string;
  onReset?: () => void;
}

const TYPES = ['event.appended', 'run.updated', 'step.updated'] as const;

export function useLiveStream(query: string | null, onMessages: (batch: LiveMessage[]) => void, opts: LiveOptions = {}): LiveState {
  const [state, setState] = useState<LiveState>(query === null ? 'off' : 'connecting');
  const handlers = useRef({ onMessages, onReset: opts.onReset });
  handlers.current = { onMessages, onReset: opts.onReset };
  const lastEventId = opts.lastEventId;

  useEffect(() => {
    if (query === null) {
      setState('off');
      return;
    }
    const params = new URLSearchParams(query);
    if (lastEventId) params.set('lastEventId', lastEventId);
    const source = new EventSource(`/api/stream?${params}`);
    let queue: LiveMessage[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const batch = queue;
      queue = [];
      if (batch.length > 0) handlers.current.onMessages(batch);
    };
    const onMessage = (e: MessageEvent<string>) => {
      try {
        queue.push(JSON.parse(e.data) as LiveMessage);
      } catch {
        return;
      }
      timer ??= setTimeout(flush, 0);
    };
    for (const t of TYPES) source.addEventListener(t, onMessage);
    source.addEventListener('reset', () => handlers.current.onReset?.());
    source.onopen = () => setState('live');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'off' : 'reconnecting');
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [query, lastEventId]);
  return state;
}
