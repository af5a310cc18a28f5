'use client';
/** Adding a node by keyboard: type to filter, arrows to choose, Enter to add. */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { NodeIcon } from '@/components/ui/icons';
import { nodeRegistry } from '@/lib/engine/nodes';
import styles from './editor.module.css';

const ALL = Object.values(nodeRegistry);

export function QuickAdd({ open, onClose, onAdd, connectFrom }: {
  open: boolean;
  onClose(): void;
  onAdd(type: string): void;
  /** The selected node the new one will follow, if any. */
  connectFrom: string | null;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return ALL.filter((d) => !q || `${d.label} ${d.type} ${d.category}`.toLowerCase().includes(q));
  }, [query]);
  const choose = (type: string) => {
    onAdd(type);
    setQuery('');
    setActive(0);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter' && matches[active]) choose(matches[active].type);
    else return;
    e.preventDefault();
  };
  return (
    <Dialog open={open} title="Add a node" onClose={onClose}>
      <input data-autofocus className={styles.quickInput} placeholder="Type to search: http, condition, emit…" value={query}
        aria-label="Node type" role="combobox" aria-expanded="true" aria-controls="quick-add-list"
        aria-activedescendant={matches[active] ? `qa-${matches[active].type}` : undefined}
        onChange={(e) => { setQuery(e.target.value); setActive(0); }} onKeyDown={onKeyDown} />
      {connectFrom && <p className={styles.quickHint}>It will follow <code>{connectFrom}</code>.</p>}
      <ul id="quick-add-list" role="listbox" className={styles.quickList}>
        {matches.map((d, i) => (
          <li key={d.type} id={`qa-${d.type}`} role="option" aria-selected={i === active}
            className={i === active ? styles.quickActive : undefined} onMouseEnter={() => setActive(i)} onClick={() => choose(d.type)}>
            <NodeIcon type={d.type} />
            <span className={styles.quickLabel}>{d.label}</span>
            <span className={styles.quickDesc}>{d.description}</span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
