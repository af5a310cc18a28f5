'use client';
/** The sample the inspector previews against, fetched from the workflow's sample-event route. */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useApi } from '@/components/ui/api';
import { EMPTY_SAMPLE, type Sample } from './preview-scope';

interface SampleContextValue {
  workflowId: string;
  sample: Sample;
  loaded: boolean;
  refresh(): void;
  /** The latest event of a type pattern (null: none logged; undefined: not fetched yet). */
  eventOfType(pattern: string): Record<string, unknown> | null | undefined;
  /** Fetches the latest event of a type pattern, once. */
  requestType(pattern: string): void;
}

const SampleContext = createContext<SampleContextValue | null>(null);

export function SampleProvider({ workflowId, children }: { workflowId: string; children: ReactNode }) {
  const api = useApi();
  const [sample, setSample] = useState<Sample>(EMPTY_SAMPLE);
  const [loaded, setLoaded] = useState(false);
  const [byType, setByType] = useState<Record<string, Record<string, unknown> | null>>({});
  const asked = useRef(new Set<string>());

  const refresh = useCallback(() => {
    api.request<Sample>('GET', `/api/workflows/${workflowId}/sample-event`)
      .then((s) => setSample(s))
      .catch(() => setSample(EMPTY_SAMPLE))
      .finally(() => setLoaded(true));
    asked.current.clear();
    setByType({});
  }, [api, workflowId]);

  useEffect(refresh, [refresh]);

  const eventOfType = useCallback((pattern: string) => byType[pattern], [byType]);
  const requestType = useCallback((pattern: string) => {
    if (!pattern || asked.current.has(pattern)) return;
    asked.current.add(pattern);
    api.request<Sample>('GET', `/api/workflows/${workflowId}/sample-event?type=${encodeURIComponent(pattern)}`)
      .then((s) => setByType((m) => ({ ...m, [pattern]: s.event })))
      .catch(() => setByType((m) => ({ ...m, [pattern]: null })));
  }, [api, workflowId]);

  const value = useMemo(() => ({ workflowId, sample, loaded, refresh, eventOfType, requestType }),
    [workflowId, sample, loaded, refresh, eventOfType, requestType]);
  return <SampleContext.Provider value={value}>{children}</SampleContext.Provider>;
}

export function useSample(): SampleContextValue {
  const value = useContext(SampleContext);
  if (!value) throw new Error('useSample needs a <SampleProvider>');
  return value;
}
