'use client';
/**
 * The JavaScript editor of a `code` node: highlighting, the language's own completions (keywords,
 * local names) plus the names the code is given (`event`, `steps`, `run` with the fields of the
 * sample, `console`), Ctrl/Cmd+Enter to run, and the line of the last error marked until the next
 * edit. Loaded on demand (next/dynamic).
 */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { completionPath, javascript, javascriptLanguage } from '@codemirror/lang-javascript';
import { Prec, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, keymap, tooltips, type DecorationSet } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { useEffect, useMemo, useRef } from 'react';
import { describe } from './completion';

export interface CodeEditorApi {
  /** Puts the cursor at a 1-based line and column of the source and focuses the editor. */
  jumpTo(line: number, column?: number): void;
}

export interface CodeEditorProps {
  id: string;
  value: string;
  onChange(value: string): void;
  label: string;
  /** What the code gets: `event`, `steps`, `run` (from the sample). */
  scope: Record<string, unknown>;
  readOnly?: boolean;
  invalid?: boolean;
  onRun?(): void;
  /** The 1-based line of the last run's error, marked until the source changes. */
  errorLine?: number | null;
  onReady?(api: CodeEditorApi): void;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'];
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function own(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The completions for a path typed before the cursor (`[]` for a bare name, `['event', 'data']` after `event.data.`). */
export function scopeOptions(scope: Record<string, unknown>, path: readonly string[]): Completion[] | null {
  if (path.length === 0) {
    return [
      ...Object.keys(scope).map((k): Completion => ({ label: k, detail: describe(scope[k]), type: 'variable', boost: 2 })),
      { label: 'console', detail: 'log, info, warn, error, debug', type: 'variable', boost: 1 },
    ];
  }
  if (path.length === 1 && path[0] === 'console') {
    return CONSOLE_METHODS.map((m) => ({ label: m, detail: 'captured into logs', type: 'method' }));
  }
  let at: unknown = scope;
  for (const part of path) {
    const obj = own(at);
    if (!obj || !Object.hasOwn(obj, part)) return null;
    at = obj[part];
  }
  const target = own(at);
  if (!target) return null;
  return Object.entries(target)
    .filter(([k]) => IDENTIFIER.test(k))
    .map(([k, v]): Completion => ({ label: k, detail: describe(v), type: 'property' }));
}

const setErrorLine = StateEffect.define<number | null>();
const errorLineMark = Decoration.line({ class: 'cm-errorLine' });
const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = tr.docChanged ? Decoration.none : marks;
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      next = line !== null && line >= 1 && line <= tr.state.doc.lines
        ? Decoration.set([errorLineMark.range(tr.state.doc.line(line).from)])
        : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.theme({
  '&': { fontSize: '12px', backgroundColor: '#fff' },
  '&.cm-focused': { outline: 'none' },
  '.cm-content': { fontFamily: 'ui-monospace, "SF Mono", Menlo, monospace', padding: '6px 0' },
  '.cm-gutters': { backgroundColor: '#f8f9fa', borderRight: '1px solid #eceef1', color: '#9aa0a6' },
  '.cm-errorLine': { backgroundColor: '#fdecea' },
  '.cm-tooltip-autocomplete': { fontSize: '12px' },
  '.cm-completionDetail': { marginLeft: '10px', color: '#8a9097', fontStyle: 'normal' },
});

export default function CodeEditor({ id, value, onChange, label, scope, readOnly, invalid, onRun, errorLine, onReady }: CodeEditorProps) {
  const scopeRef = useRef(scope);
  scopeRef.current = scope;
  const runRef = useRef(onRun);
  runRef.current = onRun;
  const viewRef = useRef<EditorView | null>(null);

  const extensions = useMemo(() => {
    const fromScope = (ctx: CompletionContext): CompletionResult | null => {
      const at = completionPath(ctx);
      if (!at) return null;
      const options = scopeOptions(scopeRef.current, at.path);
      return options && options.length > 0 ? { from: ctx.pos - at.name.length, options, validFor: /^[\w$]*$/ } : null;
    };
    return [
      javascript(),
      javascriptLanguage.data.of({ autocomplete: fromScope }),
      theme,
      EditorView.lineWrapping,
      errorLineField,
      // completion lists float over the page instead of being cut off by the inspector
      tooltips({ position: 'fixed' }),
      Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (runRef.current?.(), true) }])),
      EditorView.contentAttributes.of({ id, 'aria-label': label, ...(invalid && { 'aria-invalid': 'true' }) }),
    ];
  }, [id, label, invalid]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: setErrorLine.of(errorLine ?? null) });
  }, [errorLine]);

  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      editable={!readOnly}
      readOnly={readOnly}
      indentWithTab
      minHeight="160px"
      maxHeight="360px"
      basicSetup={{ foldGutter: false, highlightActiveLine: false, searchKeymap: false }}
      onCreateEditor={(view) => {
        viewRef.current = view;
        if (errorLine) view.dispatch({ effects: setErrorLine.of(errorLine) });
        onReady?.({
          jumpTo(line, column = 1) {
            const doc = view.state.doc;
            const at = doc.line(Math.min(Math.max(1, line), doc.lines));
            const pos = Math.min(at.to, at.from + Math.max(0, column - 1));
            view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
            view.focus();
          },
        });
      }}
    />
  );
}
