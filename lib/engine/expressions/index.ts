export { evaluateExpression, checkExpressionSyntax, isTruthy, isJsonataFunction } from './evaluate';
export type { EvaluateOptions, EvaluateResult } from './evaluate';
export type { SyntaxProblem } from './compile';
export {
  renderTemplate,
  listTemplateExpressions,
  parseTemplate,
  stringifyTemplateValue,
  walkStrings,
} from './template';
export type { RenderResult, ParsedTemplate, TemplatePart } from './template';
