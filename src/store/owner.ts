/**
 * Which process is running a run: `host:pid`, stored in `runs.owner` while the run is running, so
 * that a second search on the same file never continues a run another live process is writing.
 * A run whose owner died (crash, SIGKILL) is left `running` with a dead owner and may be taken over.
 * A process on another host (another container, a shared disk) cannot be asked whether it lives:
 * a running search touches its run every `HEARTBEAT_MS`, and such a run counts as abandoned once
 * it has not been touched for `STALE_MS`.
 */
import { hostname } from "node:os";

/** The owner string of this process. */
export function currentOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/** How often a running search marks its run as alive, in milliseconds. */
export const HEARTBEAT_MS = 60_000;

/** How long a run owned on another host may go untouched before it counts as abandoned. */
export const STALE_MS = 5 * HEARTBEAT_MS;

/**
 * Whether `owner` is a live process other than this one. On this host the process is asked; on
 * another host, the owner lives while its run was touched (`updatedAt`, ISO time) within STALE_MS.
 */
export function ownerAlive(owner: string | null, updatedAt: string, now = Date.now()): boolean {
  if (owner === null || owner === currentOwner()) return false;
  const at = owner.lastIndexOf(":");
  const host = owner.slice(0, at);
  const pid = Number(owner.slice(at + 1));
  if (host !== hostname()) return now - Date.parse(updatedAt) < STALE_MS;
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
