'use client';
/**
 * The `source` field of a `code` node (schema format `javascript`): the code editor and "Run with
 * the last event", which asks a worker (never the browser or the web server) to run the source as
 * it is now against the workflow's latest matching event and shows what came back.
 */
import dynamic from 'next/dynamic';
import { useCallback, useRef, useState } from 'react';
import { ApiRequestError, useApi, useCanEdit } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import type { CodePreviewResponse } from '@/lib/code-preview/types';
import { useSample } from '../sample-context';
import type { CodeEditorApi } from './code-editor';
import { CodeResult, type CodeRunState } from './code-result';
import type { ControlProps } from './controls';
import inspector from './inspector.module.css';
import styles from './code.module.css';

const CodeEditor = dynamic(() => import('./code-editor'), {
  ssr: false,
  loading: () => <div className={styles.editorLoading} />,
});

/** A node added a moment ago may not be saved yet (autosave waits for a pause): ask again a few times. */
const UNSAVED_RETRIES = 3;
const UNSAVED_WAIT_MS = 1000;
const RUN_KEYS = ['timeoutMs', 'memoryMb', 'allowFetch'] as const;

function runConfig(config: unknown): Record<string, unknown> {
  const c = config && typeof config === 'object' ? (config as Record<string, unknown>) : {};
  return Object.fromEntries(RUN_KEYS.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));
}

export function CodeControl({ id, spec, value, onChange, readOnly, invalid, scope, nodeId, config }: ControlProps & { nodeId: string; config: unknown }) {
  const api = useApi();
  const canRun = useCanEdit();
  const { workflowId, sample, loaded } = useSample();
  const source = typeof value === 'string' ? value : '';
  const [state, setState] = useState<CodeRunState>({ status: 'idle' });
  const editor = useRef<CodeEditorApi | null>(null);
  const latest = useRef({ source, config });
  latest.current = { source, config };
  const running = state.status === 'running';

  const run = useCallback(async () => {
    const { source: ran, config: now } = latest.current;
    if (!canRun) return;
    setState({ status: 'running', source: ran });
    const body = { nodeId, source: ran, config: runConfig(now) };
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await api.request<CodePreviewResponse>('POST', `/api/workflows/${workflowId}/code-preview`, body);
        setState({ status: 'done', source: ran, response });
        return;
      } catch (err) {
        const unsaved = err instanceof ApiRequestError && err.status === 404 && /node/.test(err.message);
        if (unsaved && attempt < UNSAVED_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, UNSAVED_WAIT_MS));
          continue;
        }
        const message = err instanceof ApiRequestError ? err.message : 'the server could not be reached';
        setState({ status: 'refused', source: ran, message: unsaved ? `${message}: save the workflow and run again` : message });
        return;
      }
    }
  }, [api, canRun, nodeId, workflowId]);

  const errorLine = state.status === 'done' && !state.response.ok && state.source === source ? state.response.error.line ?? null : null;
  const editorScope = { event: scope.event, steps: scope.steps, run: scope.run };

  return (
    <div className={styles.field}>
      <div className={`${inspector.code} ${invalid ? inspector.codeInvalid : ''}`}>
        <CodeEditor id={id} value={source} label={spec.title} scope={editorScope} readOnly={readOnly} invalid={invalid}
          onChange={(t) => onChange(t === '' && !spec.required ? undefined : t)} onRun={() => void run()} errorLine={errorLine}
          onReady={(a) => { editor.current = a; }} />
      </div>
      {canRun && (
        <div className={styles.runBar}>
          <Button size="sm" icon={<Icon name="play" />} onClick={() => void run()} disabled={running || source.trim() === ''}
            aria-keyshortcuts="Control+Enter">
            {running ? 'Running…' : 'Run with the last event'}
          </Button>
          <span className={styles.hint} data-testid="code-sample">
            {!loaded ? 'finding the last event…' : sample.event
              ? <>with <code>{String(sample.event.type)} #{String(sample.event.seq)}</code></>
              : 'no matching event logged yet: runs with an empty event'}
            {' · '}<kbd>Ctrl</kbd> <kbd>Enter</kbd>
          </span>
        </div>
      )}
      <CodeResult state={state} nodeId={nodeId} currentSource={source} onJump={(line, column) => editor.current?.jumpTo(line, column)} />
    </div>
  );
}
