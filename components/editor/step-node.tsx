'use client';
/** The card of one node on the canvas: memoised, subscribed only to its own problems and status. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { DEFAULT_HANDLE, ERROR_HANDLE } from '@/lib/engine/graph';
import { isTriggerNode, outputHandles } from '@/lib/engine/nodes';
import { NodeIcon } from '@/components/ui/icons';
import { categoryOf, nodeSummary, typeLabel } from './catalog';
import { useNodeNote, useNodeProblems, useNodeStatus } from './context';
import type { StepNode } from './to-graph';
import styles from './step-node.module.css';

function StepNodeCard({ id, data, selected }: NodeProps<StepNode>) {
  const problems = useNodeProblems(id);
  const status = useNodeStatus(id);
  const note = useNodeNote(id);
  const handles = useMemo(() => outputHandles(data), [data]);
  const summary = useMemo(() => nodeSummary(data), [data]);
  const trigger = isTriggerNode(data);
  const single = handles.length === 1 && handles[0] === DEFAULT_HANDLE;
  const category = data.type === 'fail' ? 'fail' : categoryOf(data.type);
  const className = [styles.node, styles[category], selected && styles.selected, problems.length > 0 && styles.invalid]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className} data-status={status} data-testid={`node-${id}`}
      aria-label={`${typeLabel(data.type)} ${id}${problems.length ? `, ${problems.length} problem(s)` : ''}`}>
      {!trigger && <Handle type="target" position={Position.Left} id="in" className={styles.handle} />}
      <div className={styles.header}>
        <span className={styles.icon}><NodeIcon type={data.type} /></span>
        <span className={styles.titles}>
          <span className={styles.id}>{id}</span>
          <span className={styles.type}>{typeLabel(data.type)}</span>
        </span>
        {problems.length > 0 && (
          <span className={styles.badge} title={problems.map((p) => p.message).join('\n')}>
            {problems.length}
          </span>
        )}
        {status && <span className={styles.status}>{status}</span>}
      </div>
      <div className={styles.summary} title={summary}>{summary}</div>
      {note && <div className={styles.note} data-testid={`note-${id}`}>{note}</div>}
      {problems.length > 0 && <div className={styles.problem}>{problems[0].message.replace(/^config\./, '')}</div>}
      {single ? (
        <Handle type="source" position={Position.Right} id={DEFAULT_HANDLE} className={styles.handle} />
      ) : (
        handles.length > 0 && (
          <div className={styles.outputs}>
            {handles.map((h) => (
              <div key={h} className={styles.output} data-handle={h}>
                <span>{h}</span>
                <Handle type="source" position={Position.Right} id={h}
                  className={`${styles.handle} ${h === ERROR_HANDLE ? styles.errorHandle : ''}`} />
              </div>
            ))}
          </div>
        )
      )}
    </div>
  );
}

export const StepNodeView = memo(StepNodeCard);
