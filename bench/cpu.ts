// CPU time of this process (every thread) and of the processes it started (Dovecot: its master,
// its imap and auth processes, and through the master's reaped-children counters those that ended),
// read from /proc. Wall time alone cannot tell a slow pipeline from a machine out of cores: on two
// cores, a job needing C CPU-seconds cannot take less than C / 2 seconds.
import fs from 'node:fs';
import os from 'node:os';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface ProcStat {
  ppid: number;
  /** utime + stime + cutime + cstime, ms. */
  cpuMs: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // proc(5): after "pid (comm) ", the state is field 3; ppid is 4, utime..cstime 14–17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuMs: fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) * TICK_MS };
  } catch {
    return null; // it ended meanwhile
  }
}

/** CPU milliseconds spent so far by this process and every process below it; null off Linux. */
export function treeCpuMs(): number | null {
  if (os.platform() !== 'linux') return null;
  const stats = new Map<number, ProcStat>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) stats.set(Number(name), stat);
  }
  const own = process.cpuUsage();
  let total = (own.user + own.system) / 1000;
  const pending = [process.pid];
  while (pending.length > 0) {
    const parent = pending.pop()!;
    for (const [pid, stat] of stats) {
      if (stat.ppid !== parent) continue;
      total += stat.cpuMs;
      pending.push(pid);
    }
  }
  return total;
}
