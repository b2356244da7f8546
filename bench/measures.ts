/** CPU time used by the process (every thread), in seconds. */
export interface CpuTime {
  readonly userSeconds: number;
  readonly systemSeconds: number;
  readonly totalSeconds: number;
}

/** CPU time used since `before` (a `process.cpuUsage()` reading). */
export function cpuSince(before: NodeJS.CpuUsage): CpuTime {
  const used = process.cpuUsage(before);
  return { userSeconds: used.user / 1e6, systemSeconds: used.system / 1e6, totalSeconds: (used.user + used.system) / 1e6 };
}

/** Seconds since `started` (a `process.hrtime.bigint()` reading). */
export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** `value` with `digits` decimals. */
export function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** Bytes in MiB, for the report. */
export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
