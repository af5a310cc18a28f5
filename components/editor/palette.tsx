'use client';
/** The node palette: every node type, grouped; drag one onto the canvas, or click / Enter to add it. */
import { memo, useState, type DragEvent } from 'react';
import { NodeIcon } from '@/components/ui/icons';
import { paletteGroups } from './catalog';
import { DRAG_MIME } from './canvas';
import styles from './palette.module.css';

function onDragStart(e: DragEvent, type: string) {
  e.dataTransfer.setData(DRAG_MIME, type);
  e.dataTransfer.effectAllowed = 'copy';
}

function PaletteList({ onAdd, disabled }: { onAdd(type: string): void; disabled?: boolean }) {
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLowerCase();
  return (
    <aside className={styles.palette} aria-label="Node palette">
      <input className={styles.search} type="search" placeholder="Search nodes" aria-label="Search nodes"
        value={filter} onChange={(e) => setFilter(e.target.value)} />
      {paletteGroups.map((group) => {
        const types = group.types.filter((d) => !q || `${d.label} ${d.type} ${d.description}`.toLowerCase().includes(q));
        if (types.length === 0) return null;
        return (
          <section key={group.category} className={styles.group}>
            <h3>{group.title}</h3>
            {types.map((d) => (
              <button key={d.type} type="button" className={`${styles.item} ${styles[group.category]}`}
                draggable={!disabled} disabled={disabled} title={d.description} data-node-type={d.type}
                onDragStart={(e) => onDragStart(e, d.type)} onClick={() => onAdd(d.type)}>
                <span className={styles.icon}><NodeIcon type={d.type} /></span>
                <span className={styles.label}>{d.label}</span>
              </button>
            ))}
          </section>
        );
      })}
      <p className={styles.hint}>Drag onto the canvas, or press <kbd>/</kbd> to add by keyboard.</p>
    </aside>
  );
}

export const Palette = memo(PaletteList);
