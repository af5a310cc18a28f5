'use client';
/**
 * A list that renders only the rows in view (plus a few), so that ten thousand rows scroll as
 * smoothly as ten. Rows have one fixed height.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import styles from './live.module.css';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  renderRow: (item: T, index: number) => ReactNode;
  rowKey: (item: T, index: number) => string;
  className?: string;
  label: string;
  /** Keeps this row in view when it changes (the selected one). */
  scrollToIndex?: number;
  overscan?: number;
}

export function VirtualList<T>({ items, rowHeight, renderRow, rowKey, className, label, scrollToIndex, overscan = 8 }: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 400 });
  const measure = useCallback(() => {
    const el = ref.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight });
  }, []);
  useEffect(() => {
    measure();
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);
  useEffect(() => {
    const el = ref.current;
    if (!el || scrollToIndex === undefined || scrollToIndex < 0) return;
    const top = scrollToIndex * rowHeight;
    if (top < el.scrollTop || top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 2);
  }, [scrollToIndex, rowHeight]);

  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={rowKey(items[i], i)} role="listitem" className={styles.vrow} style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(items[i], i)}
      </div>,
    );
  }
  return (
    <div ref={ref} className={`${styles.vlist} ${className ?? ''}`} onScroll={measure} role="list" aria-label={label} tabIndex={0}>
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
