'use client';
/** The list of validation problems under the canvas; clicking one selects and shows its node. */
import { memo, useState } from 'react';
import { Icon } from '@/components/ui/icons';
import type { Problem } from '@/lib/engine/validate';
import { useProblems } from './context';
import styles from './editor.module.css';

function ProblemsList({ onSelect, refused, onDismissRefused }: {
  onSelect(nodeId: string): void;
  /** The list the API answered a refused activation with, shown until the next edit. */
  refused: readonly Problem[] | null;
  onDismissRefused(): void;
}) {
  const live = useProblems();
  const [open, setOpen] = useState(false);
  const problems = refused ?? live;
  const expanded = open || refused !== null;
  if (problems.length === 0) {
    return (
      <div className={`${styles.problems} ${styles.problemsOk}`} role="status">
        <Icon name="check" /> No problems
      </div>
    );
  }
  return (
    <div className={styles.problems} role="region" aria-label="Problems">
      <button type="button" className={styles.problemsToggle} aria-expanded={expanded} onClick={() => {
        if (refused) onDismissRefused();
        setOpen(!expanded);
      }}>
        <Icon name="alert" />
        {refused ? `Not activated: ${problems.length} problem${problems.length === 1 ? '' : 's'}` : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}
        <span className={styles.problemsHint}>{expanded ? 'Hide' : 'Show'}</span>
      </button>
      {expanded && (
        <ul className={styles.problemsList}>
          {problems.slice(0, 200).map((p, i) => (
            <li key={i}>
              {p.nodeId ? (
                <button type="button" onClick={() => onSelect(p.nodeId!)}>
                  <code>{p.nodeId}</code> {p.message}
                </button>
              ) : (
                <span>{p.message}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ProblemsPanel = memo(ProblemsList);
