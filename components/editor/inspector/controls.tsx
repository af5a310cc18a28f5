'use client';
/** The inputs of the inspector form, one per field kind. */
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';
import type { FieldSpec } from './form-fields';
import { jsonText, parseJsonText } from './values';
import styles from './inspector.module.css';

const CodeInput = dynamic(() => import('./code-input'), {
  ssr: false,
  loading: () => <div className={styles.codeLoading} />,
});

export interface ControlProps {
  id: string;
  spec: FieldSpec;
  value: unknown;
  onChange(value: unknown): void;
  readOnly: boolean;
  invalid: boolean;
  scope: Record<string, unknown>;
}

const optionalEmpty = (spec: FieldSpec, text: string) => (text === '' && !spec.required ? undefined : text);

export function TextControl({ id, spec, value, onChange, readOnly, invalid }: ControlProps) {
  return (
    <input id={id} className={styles.input} type="text" value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
      placeholder={spec.placeholder} readOnly={readOnly} aria-invalid={invalid || undefined} aria-required={spec.required || undefined} spellCheck={false}
      onChange={(e) => onChange(optionalEmpty(spec, e.target.value))} />
  );
}

export function TextOrNumberControl({ id, spec, value, onChange, readOnly, invalid }: ControlProps) {
  return (
    <input id={id} className={styles.input} type="text" value={value === undefined || value === null ? '' : String(value)}
      placeholder={spec.placeholder} readOnly={readOnly} aria-invalid={invalid || undefined} aria-required={spec.required || undefined} spellCheck={false}
      onChange={(e) => {
        const t = e.target.value.trim();
        onChange(t === '' ? undefined : /^\d+$/.test(t) ? Number(t) : e.target.value);
      }} />
  );
}

/** Keeps what is typed (e.g. "-" on the way to "-5") until it is a number; empty means unset. */
export function NumberControl({ id, spec, value, onChange, readOnly, invalid }: ControlProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const last = useRef(value);
  useEffect(() => {
    if (value !== last.current) setText(value === undefined ? '' : String(value));
    last.current = value;
  }, [value]);
  return (
    <input id={id} className={styles.input} type="number" value={text} min={spec.min} max={spec.max}
      step={spec.kind === 'integer' ? 1 : 'any'} readOnly={readOnly} aria-invalid={invalid || undefined} aria-required={spec.required || undefined}
      placeholder={spec.default !== undefined ? `${spec.default} (default)` : spec.placeholder}
      onChange={(e) => {
        setText(e.target.value);
        const n = e.target.value === '' ? undefined : Number(e.target.value);
        if (n === undefined || !Number.isNaN(n)) {
          last.current = n;
          onChange(n);
        }
      }} />
  );
}

export function EnumControl({ id, spec, value, onChange, readOnly, invalid }: ControlProps) {
  return (
    <select id={id} className={styles.input} value={typeof value === 'string' ? value : ''} disabled={readOnly}
      aria-invalid={invalid || undefined} aria-required={spec.required || undefined} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
      {(!spec.required || value === undefined) && <option value="">{spec.required ? 'Choose…' : '— default —'}</option>}
      {spec.options?.map((o) => <option key={o} value={o}>{o}</option>)}
    </select>
  );
}

export function BooleanControl({ id, value, onChange, readOnly }: ControlProps) {
  return <input id={id} type="checkbox" checked={value === true} disabled={readOnly} onChange={(e) => onChange(e.target.checked)} />;
}

export function ExpressionControl({ spec, value, onChange, readOnly, invalid, scope }: ControlProps) {
  const mode = spec.kind === 'javascript' ? 'javascript' : 'jsonata';
  return (
    <div className={`${styles.code} ${invalid ? styles.codeInvalid : ''}`}>
      <CodeInput value={typeof value === 'string' ? value : ''} label={spec.title} mode={mode} scope={scope}
        placeholder={spec.placeholder} readOnly={readOnly} invalid={invalid}
        onChange={(t) => onChange(optionalEmpty(spec, t))} />
    </div>
  );
}

/** JSON, or a `{{ }}` template giving the value. */
export function JsonControl({ spec, value, onChange, readOnly, invalid, scope }: ControlProps) {
  const [text, setText] = useState(() => jsonText(value));
  const last = useRef(value);
  useEffect(() => {
    if (value !== last.current) setText(jsonText(value));
    last.current = value;
  }, [value]);
  return (
    <div className={`${styles.code} ${invalid ? styles.codeInvalid : ''}`}>
      <CodeInput value={text} label={spec.title} mode="json" scope={scope} readOnly={readOnly} invalid={invalid}
        placeholder={'{ "key": "value" } or {{ expression }}'}
        onChange={(t) => {
          setText(t);
          const v = parseJsonText(t);
          last.current = v;
          onChange(v);
        }} />
    </div>
  );
}

export function RecordControl({ id, spec, value, onChange, readOnly }: ControlProps) {
  const entries = Object.entries(value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
  const write = (next: Array<[string, unknown]>) => onChange(next.length === 0 ? undefined : Object.fromEntries(next));
  return (
    <div className={styles.record} id={id}>
      {entries.map(([k, v], i) => (
        <div key={i} className={styles.recordRow}>
          <input className={styles.input} aria-label={`${spec.title} name ${i + 1}`} value={k} readOnly={readOnly} placeholder="Name"
            onChange={(e) => write(entries.map((en, j) => (j === i ? [e.target.value, en[1]] : en)))} />
          <input className={styles.input} aria-label={`${spec.title} value ${i + 1}`} value={String(v ?? '')} readOnly={readOnly} placeholder="Value"
            onChange={(e) => write(entries.map((en, j) => (j === i ? [en[0], e.target.value] : en)))} />
          {!readOnly && (
            <button type="button" className={styles.removeButton} aria-label={`Remove ${k || 'entry'}`}
              onClick={() => write(entries.filter((_, j) => j !== i))}>×</button>
          )}
        </div>
      ))}
      {!readOnly && (
        <button type="button" className={styles.addButton} onClick={() => write([...entries, [entries.some(([k]) => k === '') ? `name${entries.length + 1}` : '', '']])}>
          + Add {spec.title.toLowerCase().replace(/s$/, '')}
        </button>
      )}
    </div>
  );
}
