/** The pure workflow engine: document, validation, planning, expressions and node types. */
export * from './graph';
export * from './duration';
export * from './type-pattern';
export * from './expressions';
export * from './nodes';
export * from './plan';
export * from './validate';
export type { Clock, HttpRequest, HttpResponse, EmitRequest } from './ports';
