/**
 * The inspector's form, read from the engine's zod schemas (the same ones the API validates
 * with) through their JSON Schema: each field's kind, label, help and limits.
 */
import { z } from 'zod';

export type FieldKind =
  | 'text' | 'jsonata' | 'json' | 'javascript' | 'number' | 'integer' | 'enum' | 'boolean'
  | 'text-or-number' | 'record' | 'list' | 'object';

export interface FieldSpec {
  key: string;
  title: string;
  description?: string;
  placeholder?: string;
  required: boolean;
  kind: FieldKind;
  options?: string[];
  min?: number;
  max?: number;
  default?: unknown;
  /** Fields of each item (list) or of the object (object). */
  fields?: FieldSpec[];
}

type JsonSchema = {
  type?: string | string[];
  format?: string;
  title?: string;
  description?: string;
  examples?: unknown[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
};

const FORMAT_KINDS: Record<string, FieldKind> = { jsonata: 'jsonata', json: 'json', javascript: 'javascript' };

export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function kindOf(s: JsonSchema): FieldKind {
  if (s.format && FORMAT_KINDS[s.format]) return FORMAT_KINDS[s.format];
  if (s.enum) return 'enum';
  const types = (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []).filter((t) => t !== 'null');
  if (types.length === 0) return 'json';
  if (types.length > 1) return types.every((t) => t === 'string' || t === 'number') ? 'text-or-number' : 'json';
  switch (types[0]) {
    case 'string': return 'text';
    case 'integer': return 'integer';
    case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'array': return s.items?.type === 'object' ? 'list' : 'json';
    case 'object': return s.properties && Object.keys(s.properties).length > 0 ? 'object' : s.additionalProperties ? 'record' : 'json';
    default: return 'json';
  }
}

function fieldOf(key: string, s: JsonSchema, required: boolean): FieldSpec {
  const kind = kindOf(s);
  const example = s.examples?.[0];
  const spec: FieldSpec = { key, title: s.title ?? humanize(key), required, kind };
  if (s.description) spec.description = s.description;
  if (example !== undefined) spec.placeholder = typeof example === 'string' ? example : JSON.stringify(example);
  if (s.enum) spec.options = s.enum.map(String);
  if (s.minimum !== undefined) spec.min = s.minimum;
  if (s.maximum !== undefined) spec.max = s.maximum;
  if (s.default !== undefined) spec.default = s.default;
  if (kind === 'list' && s.items) spec.fields = fieldsOfObject(s.items);
  if (kind === 'object') spec.fields = fieldsOfObject(s);
  return spec;
}

function fieldsOfObject(s: JsonSchema): FieldSpec[] {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([key, prop]) => fieldOf(key, prop, required.has(key)));
}

const cache = new WeakMap<z.ZodType, FieldSpec[]>();

/** The form fields of an object schema (cached per schema). */
export function formFields(schema: z.ZodType): FieldSpec[] {
  let fields = cache.get(schema);
  if (!fields) {
    fields = fieldsOfObject(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
    cache.set(schema, fields);
  }
  return fields;
}

/** One field for a non-object schema (an enum, say), named `key`. */
export function formField(key: string, schema: z.ZodType): FieldSpec {
  return fieldOf(key, z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, false);
}

/**
 * The problems about one path of a node (`config.url`, `config.cases.0.expression`, `retry`),
 * with the path cut from their messages: validation writes them as `<path>: <message>`.
 */
export function problemsAt<P extends { message: string }>(problems: readonly P[], path: string): P[] {
  return problems.flatMap((p) => {
    const at = p.message.replace(/^nodes\[\d+\]\./, '');
    if (at.startsWith(`${path}: `)) return [{ ...p, message: at.slice(path.length + 2) }];
    if (at.startsWith(`${path}.`)) return [{ ...p, message: at.slice(path.length + 1) }];
    return [];
  });
}
