'use client';
/** What "Run with the last event" answered: the value, the console lines, or the error and where it happened. */
import type { CodePreviewError, CodePreviewResponse } from '@/lib/code-preview/types';
import styles from './code.module.css';

export type CodeRunState =
  | { status: 'idle' }
  | { status: 'running'; source: string }
  | { status: 'done'; source: string; response: CodePreviewResponse }
  | { status: 'refused'; source: string; message: string };

const MAX_CHARS = 4000;

function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value, null, 2) ?? String(value);
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}

function headline(error: CodePreviewError, response: CodePreviewResponse): string {
  switch (error.limit) {
    case 'time': return `Stopped by the time limit (${response.against.timeoutMs} ms)`;
    case 'memory': return `Stopped by the memory limit (${response.against.memoryMb} MB)`;
    case 'stack': return 'Stopped by the stack limit (recursion too deep)';
    case 'output': return 'The result was refused';
    default: return error.kind === 'syntax' ? 'The code does not parse' : error.kind === 'crash' ? 'The sandbox failed' : 'The code threw an error';
  }
}

function Against({ response, stale }: { response: CodePreviewResponse; stale: boolean }) {
  const { event, steps } = response.against;
  return (
    <div className={styles.resultHead}>
      <span>
        {event ? <>Ran with <code>{event.type} #{event.seq}</code></> : 'Ran with an empty event (no matching event logged yet)'}
        {steps.length > 0 && <> and the outputs of <code>{steps.join(', ')}</code></>}
        {response.elapsedMs !== null && <> · {response.elapsedMs} ms</>}
      </span>
      {stale && <span className={styles.stale}>edited since</span>}
    </div>
  );
}

function ErrorBox({ error, response, onJump }: { error: CodePreviewError; response: CodePreviewResponse; onJump(line: number, column?: number): void }) {
  return (
    <div className={styles.errorBox}>
      <div className={styles.errorTitle}>
        <strong>{headline(error, response)}</strong>
        {error.line !== undefined && (
          <button type="button" className={styles.position} onClick={() => onJump(error.line!, error.column)}
            aria-label={`Go to line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''}`}>
            line {error.line}{error.column !== undefined && `, column ${error.column}`}
          </button>
        )}
      </div>
      <pre className={styles.errorText}>{error.message}</pre>
      {error.stack && (
        <details className={styles.stack}>
          <summary>Stack</summary>
          <pre>{error.stack}</pre>
        </details>
      )}
    </div>
  );
}

export function CodeResult({ state, nodeId, currentSource, onJump }: {
  state: CodeRunState;
  nodeId: string;
  currentSource: string;
  onJump(line: number, column?: number): void;
}) {
  if (state.status === 'idle') return null;
  if (state.status === 'running') {
    return <div className={styles.result} aria-label="Run result" aria-busy="true" role="status"><div className={styles.resultHead}>Running on a worker…</div></div>;
  }
  if (state.status === 'refused') {
    return (
      <div className={styles.result} aria-label="Run result" role="status">
        <div className={styles.errorBox}><strong>Could not run it</strong><pre className={styles.errorText}>{state.message}</pre></div>
      </div>
    );
  }
  const { response } = state;
  return (
    <div className={styles.result} aria-label="Run result" role="status" data-outcome={response.ok ? 'value' : response.error.code}>
      <Against response={response} stale={state.source !== currentSource} />
      {response.ok ? (
        <div className={styles.valueBox}>
          <div className={styles.label}>Result <span>(steps.{nodeId}.result)</span></div>
          <pre className={styles.value}>{show(response.result)}</pre>
        </div>
      ) : (
        <ErrorBox error={response.error} response={response} onJump={onJump} />
      )}
      {response.logs.length > 0 && (
        <div className={styles.logs}>
          <div className={styles.label}>Console ({response.logs.length})</div>
          <ol aria-label="Console output">
            {response.logs.map((l, i) => (
              <li key={i} className={styles[l.level]}><span className={styles.level}>{l.level}</span><span className={styles.message}>{l.message}</span></li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
