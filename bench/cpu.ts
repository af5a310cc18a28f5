import fs from 'node:fs';
import { nowMs } from './stats';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat { pid: number; ppid: number; ticks: number }

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return { pid, ppid: Number(fields[1]), ticks: utime + stime + cutime + cstime };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used by a process and all its descendants (Linux /proc), including children that
 * already exited (their time is added to the parent that reaped them).
 */
export function treeCpuSeconds(rootPid: number): number {
  const all = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => readStat(Number(d))).filter((s): s is ProcStat => s !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const root = all.find((s) => s.pid === rootPid);
  if (!root) return Number.NaN;
  let ticks = 0;
  const stack = [root];
  while (stack.length > 0) {
    const s = stack.pop()!;
    ticks += s.ticks;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return ticks / TICKS_PER_SECOND;
}

/** CPU use of named process trees (and this process) over a span, in % of one core. */
export function startCpuMeter(roots: Record<string, number | undefined>): { stop(): Record<string, number> } {
  const start = nowMs();
  const selfStart = process.cpuUsage();
  const before = Object.fromEntries(Object.entries(roots).map(([name, pid]) => [name, pid === undefined ? Number.NaN : treeCpuSeconds(pid)]));
  return {
    stop() {
      const seconds = (nowMs() - start) / 1000;
      const used: Record<string, number> = {};
      for (const [name, pid] of Object.entries(roots)) {
        used[name] = pid === undefined ? Number.NaN : ((treeCpuSeconds(pid) - before[name]) / seconds) * 100;
      }
      const self = process.cpuUsage(selfStart);
      used.harness = ((self.user + self.system) / 1e6 / seconds) * 100;
      return used;
    },
  };
}

/** Adds one "% of a core" figure per measured process tree. */
export function cpuFigures(usage: Record<string, number>, prefix: string, labelPrefix: string) {
  return Object.entries(usage).filter(([, v]) => Number.isFinite(v)).map(([name, value]) => ({
    id: `${prefix}.cpu.${name}`, label: `${labelPrefix}: CPU ${name}`, value, unit: '% of a core',
  }));
}
