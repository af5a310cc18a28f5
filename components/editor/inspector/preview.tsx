'use client';
/** The value an expression or template would produce against the sample, as you type. */
import { useEffect, useState } from 'react';
import { evaluateExpression, renderTemplate } from '@/lib/engine/expressions';
import styles from './inspector.module.css';

const MAX_CHARS = 800;

function show(value: unknown): string {
  if (value === undefined) return 'undefined (nothing)';
  const text = JSON.stringify(value, null, 2) ?? String(value);
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}

export function Preview({ kind, source, scope, against }: {
  kind: 'jsonata' | 'template';
  source: unknown;
  scope: Record<string, unknown>;
  /** What the sample is, e.g. "order.placed #42"; null when there is no sample event. */
  against: string | null;
}) {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const r = kind === 'jsonata'
        ? await evaluateExpression(String(source), scope, { timeoutMs: 250 })
        : await renderTemplate(source, scope, { timeoutMs: 250 });
      if (live) setResult(r.ok ? { ok: true, text: show(r.value) } : { ok: false, text: r.error });
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kind, source, scope]);
  if (!result) return null;
  return (
    <div className={styles.preview} aria-label="Preview">
      <div className={styles.previewHead}>
        {against ? <>Preview with <code>{against}</code></> : 'Preview (no matching event logged yet)'}
      </div>
      <pre className={result.ok ? styles.previewValue : styles.previewError}>{result.text}</pre>
    </div>
  );
}
