/** The figures a benchmark run produces: each an absolute value, optionally with its baseline and a target. */

export interface Target {
  op: '>=' | '<=';
  value: number;
}

export interface Figure {
  id: string;
  /** The case that measured it. */
  group: string;
  label: string;
  value: number;
  unit: string;
  baseline?: { id: string; label: string; value: number; unit: string };
  /** value / baseline.value */
  ratio?: number;
  target?: Target;
  note?: string;
}

export type FigureInput = Omit<Figure, 'ratio' | 'baseline' | 'group'> & { baselineId?: string };

export function meetsTarget(figure: Figure): boolean | undefined {
  if (!figure.target || !Number.isFinite(figure.value)) return undefined;
  return figure.target.op === '>=' ? figure.value >= figure.target.value : figure.value <= figure.target.value;
}

/** Collects figures in the order measured; a figure names its baseline by id, measured earlier in the same run. */
export class Results {
  readonly figures: Figure[] = [];
  readonly profile: Record<string, unknown> = {};

  get(id: string): Figure | undefined {
    return this.figures.find((f) => f.id === id);
  }

  value(id: string): number {
    const figure = this.get(id);
    if (!figure) throw new Error(`figure ${id} was not measured in this run`);
    return figure.value;
  }

  add(group: string, input: FigureInput): Figure {
    const { baselineId, ...rest } = input;
    const base = baselineId ? this.get(baselineId) : undefined;
    const figure: Figure = { ...rest, group };
    if (base) {
      figure.baseline = { id: base.id, label: base.label, value: base.value, unit: base.unit };
      if (base.value > 0 && Number.isFinite(figure.value)) figure.ratio = figure.value / base.value;
    }
    this.figures.push(figure);
    return figure;
  }
}
