'use client';
/**
 * A CodeMirror field for expressions, JSON templates and code, with completion from the
 * preview scope. Loaded on demand (next/dynamic), so opening a big graph does not wait for it.
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { javascript } from '@codemirror/lang-javascript';
import { EditorView, tooltips } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo, useRef } from 'react';
import { completionsAt } from './completion';

export interface CodeInputProps {
  value: string;
  onChange(value: string): void;
  label: string;
  mode: 'jsonata' | 'json' | 'javascript';
  scope?: Record<string, unknown>;
  placeholder?: string;
  readOnly?: boolean;
  invalid?: boolean;
}

const theme = EditorView.theme({
  '&': { fontSize: '12px', backgroundColor: '#fff' },
  '&.cm-focused': { outline: 'none' },
  '.cm-content': { fontFamily: 'ui-monospace, "SF Mono", Menlo, monospace', padding: '6px 0' },
  '.cm-line': { padding: '0 8px' },
  '.cm-tooltip-autocomplete': { fontSize: '12px' },
});

export default function CodeInput({ value, onChange, label, mode, scope, placeholder, readOnly, invalid }: CodeInputProps) {
  const scopeRef = useRef(scope);
  scopeRef.current = scope;
  const extensions = useMemo(() => {
    const complete = (ctx: CompletionContext): CompletionResult | null => {
      const word = ctx.matchBefore(/[\w$.]*$/);
      if (!ctx.explicit && (!word || word.from === word.to)) return null;
      const found = completionsAt(ctx.state.doc.toString(), ctx.pos, scopeRef.current ?? {});
      if (!found) return null;
      return {
        from: found.from,
        options: found.items.map((i) => ({ label: i.label, detail: i.detail, type: i.type })),
        validFor: /^[\w$]*$/,
      };
    };
    return [
      javascript(),
      theme,
      EditorView.lineWrapping,
      // completion lists float over the page instead of being cut off by the inspector
      tooltips({ position: 'fixed' }),
      EditorView.contentAttributes.of({ 'aria-label': label, ...(invalid && { 'aria-invalid': 'true' }) }),
      ...(mode === 'javascript' ? [] : [autocompletion({ override: [complete], icons: false })]),
    ];
  }, [label, mode, invalid]);
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      placeholder={placeholder}
      editable={!readOnly}
      readOnly={readOnly}
      indentWithTab={mode === 'javascript'}
      minHeight={mode === 'javascript' ? '160px' : mode === 'json' ? '64px' : '30px'}
      maxHeight="320px"
      basicSetup={{
        lineNumbers: mode === 'javascript',
        foldGutter: false,
        highlightActiveLine: false,
        highlightActiveLineGutter: false,
        autocompletion: false,
        searchKeymap: false,
      }}
    />
  );
}
