'use client';
/** The inspector for one node: its id, its config form (from the engine's schema) and error handling. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { onErrorSchema, retrySchema } from '@/lib/engine/graph';
import { getNodeDefinition, isTriggerNode } from '@/lib/engine/nodes';
import { NodeIcon } from '@/components/ui/icons';
import { categoryOf } from '../catalog';
import { useEditorContext, useEditorState, useNodeProblems } from '../context';
import { previewScope, upstreamOf } from '../preview-scope';
import { useSample } from '../sample-context';
import type { StepData } from '../to-graph';
import { Field, type FieldEnv } from './field';
import { formField, formFields, problemsAt } from './form-fields';
import { setIn, pathKey, type Path } from './values';
import styles from './inspector.module.css';

const retryFields = formFields(retrySchema);
const onErrorField = formField('onError', onErrorSchema);
const DEFAULT_RETRY = { attempts: 3, backoff: 'exponential', delay: '1s' } as const;
function IdField({ nodeId, readOnly }: { nodeId: string; readOnly: boolean }) {
  const { store } = useEditorContext();
  const [text, setText] = useState(nodeId);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(nodeId);
    setError(null);
  }, [nodeId]);
  const commit = () => setError(store.renameNode(nodeId, text.trim()));
  return (
    <div className={styles.field}>
      <label htmlFor="node-id" className={styles.label}>ID</label>
      <input id="node-id" className={styles.input} value={text} readOnly={readOnly} spellCheck={false} aria-invalid={!!error || undefined}
        onChange={(e) => setText(e.target.value)} onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(nodeId);
        }} />
      {error && <p className={styles.fieldProblem} role="alert">{error}</p>}
      <p className={styles.help}>Later steps use its output as <code>steps.{nodeId}</code>.</p>
    </div>
  );
}

export function NodeForm({ nodeId, data }: { nodeId: string; data: StepData }) {
  const { store, readOnly } = useEditorContext();
  const problems = useNodeProblems(nodeId);
  const edges = useEditorState((s) => s.edges);
  const { sample, workflowId, eventOfType, requestType } = useSample();
  const def = getNodeDefinition(data.type);
  const upstream = useMemo(() => upstreamOf(nodeId, edges), [nodeId, edges]);
  const waitType = data.type === 'wait_for_event' && typeof data.config.eventType === 'string' ? data.config.eventType : '';
  const candidate = waitType ? eventOfType(waitType) : undefined;
  useEffect(() => requestType(waitType), [requestType, waitType]);
  const upstreamKey = upstream.join(',');
  const scope = useMemo(
    () => previewScope({ nodeType: data.type, sample, candidate, upstream: upstreamKey ? upstreamKey.split(',') : [], workflowId }),
    [data.type, sample, candidate, upstreamKey, workflowId],
  );
  const shownEvent = data.type === 'wait_for_event' ? candidate : sample.event;
  const against = shownEvent ? `${String(shownEvent.type)} #${String(shownEvent.seq)}` : null;

  const setConfig = useCallback((path: Path, value: unknown) =>
    store.updateData(nodeId, (d) => ({ ...d, config: setIn(d.config, path, value) as StepData['config'] }), `${nodeId}:config.${pathKey(path)}`),
  [store, nodeId]);
  const setNode = useCallback((path: Path, value: unknown) =>
    store.updateData(nodeId, (d) => setIn(d, path, value) as StepData, `${nodeId}:${pathKey(path)}`),
  [store, nodeId]);

  const fields = def ? formFields(def.configSchema) : [];
  const base = { nodeId, problems, scope, against, readOnly };
  const configEnv: FieldEnv = { ...base, value: data.config, problemRoot: 'config', set: setConfig };
  const nodeEnv: FieldEnv = { ...base, value: data, problemRoot: '', set: setNode };
  const placed = new Set([...fields.map((f) => `config.${f.key}`), 'retry', 'onError', 'config.retry', 'config.onError']);
  const general = problems.filter((p) => ![...placed].some((path) => problemsAt([p], path).length > 0));
  const hasPolicy = !!def && !def.isTrigger && def.type !== 'fail';

  return (
    <div className={styles.form}>
      <header className={`${styles.nodeHeader} ${styles[data.type === 'fail' ? 'fail' : categoryOf(data.type)]}`}>
        <span className={styles.nodeIcon}><NodeIcon type={data.type} /></span>
        <div>
          <h2>{def?.label ?? data.type}</h2>
          <p>{def?.description ?? 'This node type is not known to this version of Causeway.'}</p>
        </div>
      </header>
      {general.length > 0 && (
        <ul className={styles.nodeProblems} aria-label="Problems of this node">
          {general.map((p, i) => <li key={i}>{p.message}</li>)}
        </ul>
      )}
      <IdField nodeId={nodeId} readOnly={readOnly} />
      {def ? (
        fields.length > 0 ? (
          fields.map((f) => <Field key={f.key} spec={f} path={[f.key]} env={configEnv} />)
        ) : (
          <p className={styles.help}>{isTriggerNode(data) ? 'Nothing to set up: start it from the toolbar (Test) or the API.' : 'Nothing to set up.'}</p>
        )
      ) : (
        <Field spec={{ key: 'config', title: 'Config (JSON)', required: false, kind: 'json' }} path={['config']} env={nodeEnv} />
      )}
      {hasPolicy && (
        <section className={styles.section}>
          <h3>Error handling</h3>
          <label className={styles.checkRow}>
            <input type="checkbox" checked={data.retry !== undefined} disabled={readOnly}
              onChange={(e) => setNode(['retry'], e.target.checked ? { ...DEFAULT_RETRY } : undefined)} />
            Retry failed attempts
          </label>
          {data.retry !== undefined && retryFields.map((f) => <Field key={f.key} spec={f} path={['retry', f.key]} env={nodeEnv} />)}
          <Field spec={onErrorField} path={['onError']} env={nodeEnv} />
        </section>
      )}
    </div>
  );
}
