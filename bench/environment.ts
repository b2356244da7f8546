import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../src/store/database';

/** The file system a path is on, as the kernel mounted it. */
export interface FileSystem {
  /** `ext4`, `tmpfs`, `overlay`… */
  readonly type: string;
  /** The device or source (`/dev/vda`). */
  readonly source: string;
  readonly mountPoint: string;
  /** Mount options (`rw,relatime,discard`). */
  readonly options: string;
}

/** What the figures depend on: the machine, its load, the file system and SQLite's durability. */
export interface Environment {
  readonly node: string;
  readonly platform: string;
  readonly cpu: string;
  readonly cpus: number;
  readonly memoryBytes: number;
  /** 1, 5 and 15 minutes: the machine is shared, so figures vary with it. */
  readonly loadAverage: readonly number[];
  readonly sqlite: string;
  readonly journalMode: string;
  readonly synchronous: string;
  readonly fileSystem: FileSystem | null;
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

/**
 * The mount a path is on: the longest mount point that holds it, from /proc/self/mountinfo
 * (`stat -f` names only the family, "ext2/ext3" for ext4). Null off Linux.
 * NOTE: https://www.kernel.org/doc/html/latest/filesystems/proc.html — fields of mountinfo: the
 * fifth is the mount point, then after the " - " separator the type, the source, the options.
 */
export function fileSystemOf(file: string): FileSystem | null {
  let mounts: string;
  try {
    mounts = fs.readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return null;
  }
  const real = fs.realpathSync(path.dirname(path.resolve(file)));
  let best: FileSystem | null = null;
  for (const line of mounts.split('\n')) {
    const [before, after] = line.split(' - ');
    const mountPoint = before?.split(' ')[4]?.replace(/\\040/g, ' ');
    const [type, source, options] = after?.split(' ') ?? [];
    if (!mountPoint || !type || !(real === mountPoint || real.startsWith(mountPoint === '/' ? '/' : `${mountPoint}/`))) continue;
    if (!best || mountPoint.length >= best.mountPoint.length) best = { type, source: source ?? '', mountPoint, options: options ?? '' };
  }
  return best;
}

/** The environment of a run on `db`, a database file opened as Parlons opens it. */
export function describeEnvironment(db: Db, file: string): Environment {
  const pragma = (name: string) => String(db.pragma(name, { simple: true }));
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    memoryBytes: os.totalmem(),
    loadAverage: os.loadavg(),
    sqlite: String(db.prepare('SELECT sqlite_version()').pluck().get()),
    journalMode: pragma('journal_mode'),
    synchronous: SYNCHRONOUS[Number(pragma('synchronous'))] ?? pragma('synchronous'),
    fileSystem: fileSystemOf(file),
  };
}

/** The load average as the report shows it. */
export function formatLoad(load: readonly number[]): string {
  return load.map((l) => l.toFixed(2)).join(' / ');
}
