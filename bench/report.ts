import fs from 'node:fs/promises';
import path from 'node:path';
import { meetsTarget, type Figure } from './figures';

export interface CaseOutcome {
  name: string;
  title: string;
  ok: boolean;
  seconds: number;
  error?: string;
}

export interface Report {
  mode: 'full' | 'smoke';
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; loadAverageAtStart: number[]; node: string; platform: string };
  cases: CaseOutcome[];
  figures: Figure[];
  profile: Record<string, unknown>;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

function row(f: Figure): string[] {
  const check = meetsTarget(f);
  return [
    f.label,
    formatNumber(f.value),
    f.unit,
    f.baseline ? `${formatNumber(f.baseline.value)} ${f.baseline.unit} (${f.baseline.id})` : '',
    f.ratio === undefined ? '' : `${f.ratio >= 0.1 ? f.ratio.toFixed(2) : f.ratio.toPrecision(2)}x`,
    f.target ? `${f.target.op} ${formatNumber(f.target.value)} ${check ? 'ok' : 'MISSED'}` : '',
  ];
}

const HEADER = ['figure', 'value', 'unit', 'baseline', 'ratio', 'target'];

export function textTable(figures: Figure[]): string {
  const rows = [HEADER, ...figures.map(row)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 1 || i === 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function markdown(report: Report): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    `# Causeway benchmarks (${report.mode})`,
    '',
    `${report.startedAt} - ${report.finishedAt}; ${report.machine.cpus} CPUs, load average at start ${report.machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' / ')}, Node ${report.machine.node}.`,
    'Every figure is measured with its baseline in the same run; ratio = value / baseline.',
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, i) => (i === 1 || i === 4 ? '---:' : '---')).join('|')}|`,
    ...report.figures.map((f) => `| ${row(f).map(esc).join(' | ')} |`),
    '',
    '## Cases',
    '',
    ...report.cases.map((c) => `- ${c.ok ? 'ok' : 'FAILED'} \`${c.name}\` (${c.seconds.toFixed(1)} s): ${c.title}${c.error ? ` - ${c.error.split('\n')[0]}` : ''}`),
    '',
    '## Notes per figure',
    '',
    ...report.figures.filter((f) => f.note).map((f) => `- ${f.label}: ${f.note}`),
  ];
  for (const [name, data] of Object.entries(report.profile)) {
    lines.push('', `## Profile: ${name}`, '', '```json', JSON.stringify(data, null, 2), '```');
  }
  return `${lines.join('\n')}\n`;
}

export async function writeReport(dir: string, report: Report): Promise<{ json: string; md: string }> {
  await fs.mkdir(dir, { recursive: true });
  const json = path.join(dir, 'latest.json');
  const md = path.join(dir, 'latest.md');
  await fs.writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await fs.writeFile(md, markdown(report));
  return { json, md };
}
