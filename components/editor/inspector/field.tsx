'use client';
/** One field of the inspector form: label, input, problems, help and, for expressions, a preview. */
import { checkExpressionSyntax, walkStrings } from '@/lib/engine/expressions';
import type { Problem } from '@/lib/engine/validate';
import { CodeControl } from './code-control';
import {
  BooleanControl, EnumControl, ExpressionControl, JsonControl, NumberControl, RecordControl, TextControl, TextOrNumberControl,
  type ControlProps,
} from './controls';
import { problemsAt, type FieldSpec } from './form-fields';
import { Preview } from './preview';
import { getIn, pathKey, type Path } from './values';
import styles from './inspector.module.css';

export interface FieldEnv {
  nodeId: string;
  /** The object the paths start in: the node's config, or the node itself for retry/onError. */
  value: unknown;
  /** Prefix of problem paths: `config` for config fields, '' for node-level ones. */
  problemRoot: string;
  problems: readonly Problem[];
  scope: Record<string, unknown>;
  against: string | null;
  readOnly: boolean;
  set(path: Path, value: unknown): void;
}

const CONTROLS: Partial<Record<FieldSpec['kind'], (p: ControlProps) => React.JSX.Element>> = {
  text: TextControl,
  'text-or-number': TextOrNumberControl,
  number: NumberControl,
  integer: NumberControl,
  enum: EnumControl,
  boolean: BooleanControl,
  jsonata: ExpressionControl,
  javascript: ExpressionControl,
  json: JsonControl,
  record: RecordControl,
};

function hasTemplate(value: unknown): boolean {
  let found = false;
  walkStrings(value, (s) => {
    if (s.includes('{{')) found = true;
  });
  return found;
}

const problemPath = (env: FieldEnv, path: Path) => [env.problemRoot, pathKey(path)].filter(Boolean).join('.');

export function Field({ spec, path, env }: { spec: FieldSpec; path: Path; env: FieldEnv }) {
  if (spec.kind === 'list') return <ListField spec={spec} path={path} env={env} />;
  if (spec.kind === 'object') {
    return (
      <fieldset className={styles.group}>
        <legend>{spec.title}</legend>
        {spec.fields?.map((f) => <Field key={f.key} spec={f} path={[...path, f.key]} env={env} />)}
      </fieldset>
    );
  }
  const value = getIn(env.value, path);
  const id = `field-${env.nodeId}-${pathKey(path)}`;
  const syntax = spec.kind === 'jsonata' && typeof value === 'string' && value.trim() !== '' ? checkExpressionSyntax(value) : null;
  const found = problemsAt(env.problems, problemPath(env, path)).filter((p) => !(syntax && p.code === 'expression'));
  const messages = [...(syntax ? [`syntax error: ${syntax.message} (at position ${syntax.position})`] : []), ...found.map((p) => p.message)];
  const Control = CONTROLS[spec.kind] ?? JsonControl;
  // code is not templated (its source runs as written): the code control previews by running it
  const previewKind = spec.kind === 'jsonata' ? (value && !syntax ? 'jsonata' : null) : spec.kind !== 'javascript' && hasTemplate(value) ? 'template' : null;
  return (
    <div className={styles.field} data-field={pathKey(path)}>
      <span className={styles.labelRow}>
        <label htmlFor={id} className={styles.label}>{spec.title}</label>
        {spec.required && <span className={styles.required} aria-hidden="true">*</span>}
      </span>
      {spec.kind === 'javascript' ? (
        <CodeControl id={id} spec={spec} value={value} readOnly={env.readOnly} invalid={messages.length > 0} scope={env.scope}
          onChange={(v) => env.set(path, v)} nodeId={env.nodeId} config={env.value} />
      ) : (
        <Control id={id} spec={spec} value={value} readOnly={env.readOnly} invalid={messages.length > 0} scope={env.scope}
          onChange={(v) => env.set(path, v)} />
      )}
      {messages.map((m, i) => <p key={i} className={styles.fieldProblem} role="alert">{m}</p>)}
      {spec.description && <p className={styles.help}>{spec.description}</p>}
      {previewKind && <Preview kind={previewKind} source={value} scope={env.scope} against={env.against} />}
    </div>
  );
}

function singular(title: string): string {
  return title.replace(/s$/i, '') || title;
}

function newItem(spec: FieldSpec, count: number): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const f of spec.fields ?? []) {
    if (f.key === 'id') item.id = `${singular(spec.key).toLowerCase()}${count + 1}`;
    else if (f.required) item[f.key] = '';
  }
  return item;
}

function ListField({ spec, path, env }: { spec: FieldSpec; path: Path; env: FieldEnv }) {
  const raw = getIn(env.value, path);
  const items = Array.isArray(raw) ? raw : [];
  const own = problemsAt(env.problems, problemPath(env, path)).filter((p) => !/^\d+\./.test(p.message));
  const noun = singular(spec.title);
  return (
    <fieldset className={styles.group}>
      <legend>{spec.title}</legend>
      {spec.description && <p className={styles.help}>{spec.description}</p>}
      {items.map((_, i) => (
        <div key={i} className={styles.listItem}>
          <div className={styles.listItemHead}>
            <span>{noun} {i + 1}</span>
            {!env.readOnly && (
              <button type="button" className={styles.removeButton} aria-label={`Remove ${noun.toLowerCase()} ${i + 1}`}
                onClick={() => env.set(path, items.filter((__, j) => j !== i))}>×</button>
            )}
          </div>
          {spec.fields?.map((f) => <Field key={f.key} spec={f} path={[...path, i, f.key]} env={env} />)}
        </div>
      ))}
      {own.map((p, i) => <p key={i} className={styles.fieldProblem} role="alert">{p.message}</p>)}
      {!env.readOnly && (
        <button type="button" className={styles.addButton} onClick={() => env.set(path, [...items, newItem(spec, items.length)])}>
          + Add {noun.toLowerCase()}
        </button>
      )}
    </fieldset>
  );
}
