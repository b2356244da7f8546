import { spawnSync } from 'node:child_process';
import { describeWithTool } from '../support/ci';

/**
 * Whether this machine lets a test mount a file system of its own in a private mount namespace
 * (root, and `unshare` from util-linux): how a full or read-only disk is made without touching
 * the machine's own disks.
 */
export function privateMountsWork(): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs -o size=1m parlons-probe /mnt && umount /mnt'], { stdio: 'ignore' }).status === 0;
}

/**
 * `describe` for tests that need private mounts: skipped with a message where they cannot run
 * (not root), except in CI, which runs as root and must run them.
 */
export function describeWithPrivateMounts(name: string, body: () => void): void {
  describeWithTool(name, privateMountsWork() ? [] : ['root with unshare (util-linux)'], 'run as root to mount a small file system in a private mount namespace', body);
}

/**
 * The command line `argv` run in a private mount namespace where `folder` is a tmpfs of
 * `sizeKb` (so that it can be filled up), or the folder itself bound read-only.
 */
export function withMount(folder: string, mount: { readonly tmpfsKb: number } | 'read_only'): (argv: readonly string[]) => readonly string[] {
  const setup = mount === 'read_only' ? 'mount --bind -o ro "$0" "$0"' : `mount -t tmpfs -o size=${mount.tmpfsKb}k parlons-disk "$0"`;
  return (argv) => ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', `${setup} && exec "$@"`, folder, ...argv];
}

/** A path inside the mount namespace of process `pid`, seen from outside it (as root). */
export function insideOf(pid: number, file: string): string {
  return `/proc/${pid}/root${file}`;
}
