import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (ms, user + system) used so far by every PostgreSQL process on this machine, read
 * from /proc. With it a benchmark can say where a save's CPU goes — the server, the database —
 * and so what two cores can do at best. Undefined where /proc is missing.
 */
export function postgresCpuMs(): number | undefined {
  const processes = procStats();
  if (!processes) return undefined;
  let ticks = 0;
  for (const p of processes) if (p.comm === 'postgres' || p.comm.startsWith('postgres:')) ticks += p.ticks;
  return ticks / TICKS_PER_MS;
}

/**
 * CPU ms used so far by a process and all its descendants that are still running (a server
 * spawned by a bench, with its cluster workers). Undefined where /proc is missing.
 */
export function processTreeCpuMs(rootPid: number): number | undefined {
  const processes = procStats();
  if (!processes) return undefined;
  const tree = new Set([rootPid]);
  // Parents are not always listed before their children: repeat until the tree stops growing.
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of processes) if (!tree.has(p.pid) && tree.has(p.ppid)) (tree.add(p.pid), (grew = true));
  }
  let ticks = 0;
  for (const p of processes) if (tree.has(p.pid)) ticks += p.ticks;
  return ticks / TICKS_PER_MS;
}

const TICKS_PER_MS = 100 / 1000; // USER_HZ is 100 on Linux

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

function procStats(): ProcStat[] | undefined {
  let dirs: string[];
  try {
    dirs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  const stats: ProcStat[] = [];
  for (const pid of dirs) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    stats.push({
      pid: Number(pid),
      ppid: Number(fields[1]), // field 4 of stat
      comm: stat.slice(stat.indexOf('(') + 1, close),
      ticks: Number(fields[11]) + Number(fields[12]), // utime, stime (fields 14 and 15 of stat)
    });
  }
  return stats;
}

/** CPU ms (user + system) of this process, all threads (the server, in the saves bench). */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * CPU ms (user, nice, system, irq, softirq) used so far by the whole machine, from /proc/stat:
 * for work whose processes come and go (pgbench's client and backends). Undefined without /proc.
 */
export function machineCpuMs(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  const fields = stat.split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq] = fields;
  return ((user + nice + system + irq + softirq) * 1000) / 100; // USER_HZ is 100 on Linux
}
