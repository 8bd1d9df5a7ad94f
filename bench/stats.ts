import os from 'node:os';

/** Median of a sample (the mean of the two middle values when even). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : Math.round(((s[m - 1]! + s[m]!) / 2) * 10) / 10;
}

/** "min 12, max 30 over 5 runs" */
export function spread(xs: number[], digits = 0): string {
  return `min ${Math.min(...xs).toFixed(digits)}, max ${Math.max(...xs).toFixed(digits)} over ${xs.length} runs`;
}

/** "load average 0.48, 1.13, 1.94 (2 CPUs)": printed by each benchmark, as the machine is shared. */
export function loadLine(): string {
  return `load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')} (${os.availableParallelism()} CPUs)`;
}
