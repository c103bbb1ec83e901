/**
 * Where the CPU of a benchmark went: the seconds each part of the stack has used so far, read
 * from /proc (Linux). Taken before and after a phase, the difference per call shows which hop
 * costs what — the services, the PostgreSQL backends serving the stack's databases, the broker.
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function cpuSecondsOf(pid: string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function partOf(commandLine: string, databases: string[]): string | undefined {
  const service = /apps\/(\w+)\/src\/main\.ts/.exec(commandLine);
  if (service) return service[1];
  // A backend's title: "postgres: [cluster: ]user database client state".
  const backend = /^postgres: (?:\S+: )?\S+ (\S+) /.exec(commandLine);
  if (backend) return databases.includes(backend[1] ?? '') ? 'postgres' : undefined;
  return commandLine.includes('kafka.Kafka') ? 'kafka' : undefined;
}

export type CpuSnapshot = Map<string, number>;

/** CPU seconds per part; this process is the benchmark's own client. */
export function cpuSnapshot(databases: string[]): CpuSnapshot {
  const parts: CpuSnapshot = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const part = partOf(commandLine, databases);
      if (part) parts.set(part, (parts.get(part) ?? 0) + cpuSecondsOf(pid));
    } catch {
      // The process ended while being read.
    }
  }
  const self = process.cpuUsage();
  parts.set('bench client', (self.user + self.system) / 1e6);
  return parts;
}

/** One line: CPU milliseconds each part spent per call between two snapshots. */
export function cpuPerCallLine(before: CpuSnapshot, after: CpuSnapshot, calls: number): string {
  const perCall = [...after]
    .map(([part, seconds]) => [part, ((seconds - (before.get(part) ?? 0)) * 1000) / calls] as const)
    .filter(([, ms]) => ms > 0.005)
    .sort(([, a], [, b]) => b - a);
  const total = perCall.reduce((sum, [, ms]) => sum + ms, 0);
  return `${perCall.map(([part, ms]) => `${part} ${ms.toFixed(2)}`).join(', ')}; total ${total.toFixed(2)} ms`;
}
