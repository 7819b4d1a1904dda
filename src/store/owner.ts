/**
 * Which process is running a run: `host:pid`, stored in `runs.owner` while the run is running, so
 * that a second search on the same file never continues a run another live process is writing.
 * A run whose owner died (crash, SIGKILL) is left `running` with a dead owner and may be taken over.
 * A running search touches its run every `HEARTBEAT_MS`; a run not touched for `STALE_MS` counts
 * as abandoned whoever its owner seems to be: a process on another host (another container, a
 * shared disk) cannot be asked whether it lives, and after a crash the owner's PID may have been
 * given to another program, which would otherwise keep the run "alive" forever.
 */
import { hostname } from "node:os";

/** The owner string of this process. */
export function currentOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/** How often a running search marks its run as alive, in milliseconds. */
export const HEARTBEAT_MS = 60_000;

/** How long a run may go untouched before it counts as abandoned. */
export const STALE_MS = 5 * HEARTBEAT_MS;

/**
 * Whether `owner` is a live process other than this one: its run was touched (`updatedAt`, ISO
 * time) within STALE_MS and, on this host, the process exists.
 */
export function ownerAlive(owner: string | null, updatedAt: string, now = Date.now()): boolean {
  if (owner === null || owner === currentOwner()) return false;
  if (!(now - Date.parse(updatedAt) < STALE_MS)) return false;
  const at = owner.lastIndexOf(":");
  const host = owner.slice(0, at);
  const pid = Number(owner.slice(at + 1));
  if (host !== hostname()) return true;
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
