import { baselineCase } from './baseline';
import type { BenchCase } from './context';
import { e2eLatencyCase } from './e2e-latency';
import { e2eHttpCase, e2eOneStepCase, e2eTenStepCase } from './e2e-throughput';
import { editorCase } from './editor';
import { fanoutCase } from './fanout';
import { ingestCase } from './ingest';
import { memoryCase } from './memory';
import { stepOverheadCase } from './step-overhead';

/** Every benchmark, in the order a full run takes them. */
export const allCases: BenchCase[] = [
  baselineCase, ingestCase, e2eOneStepCase, e2eTenStepCase, e2eHttpCase, e2eLatencyCase, stepOverheadCase, fanoutCase, memoryCase, editorCase,
];

/** Names that stand for several cases. */
export const caseGroups: Record<string, string[]> = {
  all: allCases.map((c) => c.name),
  e2e: ['e2e-1step', 'e2e-10step', 'e2e-1step-http', 'e2e-latency', 'step-overhead'],
};

/** The cases to run for the names asked, with the cases they need, in canonical order. */
export function selectCases(names: string[]): BenchCase[] {
  const wanted = new Set<string>();
  const unknown: string[] = [];
  const add = (name: string) => {
    if (wanted.has(name)) return;
    const found = allCases.find((c) => c.name === name);
    if (!found) { unknown.push(name); return; }
    wanted.add(name);
    for (const need of found.needs ?? []) add(need);
  };
  for (const name of names.length > 0 ? names : ['all']) {
    if (caseGroups[name]) caseGroups[name].forEach(add);
    else add(name);
  }
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark(s): ${unknown.join(', ')}. Known: ${[...allCases.map((c) => c.name), ...Object.keys(caseGroups)].join(', ')}`);
  }
  return allCases.filter((c) => wanted.has(c.name));
}
