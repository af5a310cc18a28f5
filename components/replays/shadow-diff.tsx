'use client';
/** A shadow replay's result: per node how often it was the same, changed, new or missing, and the differing runs with JSON diffs. */
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useApi } from '@/components/ui/api';
import { Button } from '@/components/ui/button';
import type { NodeComparison } from '@/lib/shadow/compare';
import type { NodeSummary, ShadowDiff } from '@/lib/shadow/results';
import { runHref } from './format';
import styles from './replays.module.css';

const json = (v: unknown) => JSON.stringify(v, null, 2);

function NodeDiff({ node }: { node: NodeComparison }) {
  return (
    <div className={styles.diffNode}>
      <span className={styles[node.verdict]}>{node.verdict}</span> <code>{node.nodeId}</code>
      {node.recorded && <span className={styles.muted}> (recorded output of the original run)</span>}
      {node.verdict === 'changed' && (
        <ul className={styles.diffList} aria-label={`Diff of ${node.nodeId}`}>
          {node.diff?.map((d) => (
            <li key={d.path}>{d.path} {d.kind === 'added' ? `added ${JSON.stringify(d.after)}` : d.kind === 'removed' ? `removed (was ${JSON.stringify(d.before)})` : `${JSON.stringify(d.before)} → ${JSON.stringify(d.after)}`}</li>
          ))}
        </ul>
      )}
      {node.verdict === 'new' && <pre className={styles.pre}>{json(node.after)}</pre>}
      {node.verdict === 'missing' && <pre className={styles.pre}>{json(node.before)}</pre>}
    </div>
  );
}

function Summary({ nodes, nameOf }: { nodes: NodeSummary[]; nameOf(id: string): string }) {
  return (
    <table className={styles.table} aria-label="Per node">
      <thead><tr><th>Workflow</th><th>Node</th><th className={styles.num}>same</th><th className={styles.num}>changed</th><th className={styles.num}>new</th><th className={styles.num}>missing</th></tr></thead>
      <tbody>
        {nodes.map((n) => (
          <tr key={`${n.workflowId}/${n.nodeId}`}>
            <td>{nameOf(n.workflowId)}</td><td><code>{n.nodeId}</code></td>
            <td className={`${styles.num} ${styles.same}`}>{n.same}</td>
            <td className={`${styles.num} ${n.changed ? styles.changed : styles.same}`}>{n.changed}</td>
            <td className={`${styles.num} ${n.new ? styles.new : styles.same}`}>{n.new}</td>
            <td className={`${styles.num} ${n.missing ? styles.missing : styles.same}`}>{n.missing}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ShadowDiffView({ replayId, nameOf, refreshKey }: { replayId: string; nameOf(id: string): string; refreshKey: unknown }) {
  const api = useApi();
  const [diff, setDiff] = useState<ShadowDiff | null>(null);
  useEffect(() => {
    let live = true;
    api.request<ShadowDiff>('GET', `/api/replays/${replayId}/diff?limit=50`).then((d) => live && setDiff(d)).catch(() => {});
    return () => { live = false; };
  }, [api, replayId, refreshKey]);
  if (!diff) return null;
  const more = async () => {
    const page = await api.request<ShadowDiff>('GET', `/api/replays/${replayId}/diff?limit=50&cursor=${diff.nextCursor}`);
    setDiff({ ...page, items: [...diff.items, ...page.items] });
  };
  return (
    <section className={styles.card} aria-label="Differences">
      <h2>Per node, against the original runs</h2>
      <Summary nodes={diff.nodes} nameOf={nameOf} />
      <h2 style={{ marginTop: 14 }}>Runs that differ ({diff.items.length}{diff.nextCursor ? '+' : ''})</h2>
      {diff.items.length === 0 && <p className={styles.muted}>None: the draft does what the published versions did.</p>}
      {diff.items.map((item) => (
        <details key={`${item.event.seq}/${item.workflowId}`} className={styles.diffRun} open={diff.items.length <= 3}>
          <summary>
            <code>{item.event.type}</code> #{item.event.seq} · {nameOf(item.workflowId)} · {item.differences} node(s) differ
            {item.originalRunId && <> · <Link className={styles.link} href={runHref(item.workflowId, item.originalRunId)}>original run</Link></>}
          </summary>
          {item.nodes.map((n) => <NodeDiff key={n.nodeId} node={n} />)}
        </details>
      ))}
      {diff.nextCursor && <Button size="sm" onClick={more}>More</Button>}
    </section>
  );
}
