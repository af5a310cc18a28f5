'use client';
/** The line drawn while connecting; over a node it may not connect to, it says why. */
import { getBezierPath, type ConnectionLineComponentProps } from '@xyflow/react';
import { useEditorContext } from './context';
import type { StepNode } from './to-graph';
import styles from './canvas.module.css';

export function ConnectionLine(props: ConnectionLineComponentProps<StepNode>) {
  const { store } = useEditorContext();
  const { fromNode, fromHandle, toNode, fromX, fromY, toX, toY, fromPosition, toPosition } = props;
  const [path] = getBezierPath({ sourceX: fromX, sourceY: fromY, sourcePosition: fromPosition, targetX: toX, targetY: toY, targetPosition: toPosition });
  let reason: string | null = null;
  if (toNode && toNode.id !== fromNode.id) {
    const forward = fromHandle.type === 'source';
    const conn = forward
      ? { source: fromNode.id, sourceHandle: fromHandle.id ?? null, target: toNode.id }
      : { source: toNode.id, sourceHandle: props.toHandle?.id ?? null, target: fromNode.id };
    reason = store.connectionProblem(conn)?.message ?? null;
  }
  return (
    <g className={reason ? styles.connectionInvalid : styles.connectionValid}>
      <path d={path} fill="none" strokeWidth={2} />
      {reason && (
        <foreignObject x={toX + 12} y={toY + 12} width={260} height={60} className={styles.connectionReason}>
          <div role="alert">{reason}</div>
        </foreignObject>
      )}
    </g>
  );
}
