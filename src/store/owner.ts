/**
 * Which process is running a run: `host:pid`, stored in `runs.owner` while the run is running, so
 * that a second search on the same file never continues a run another live process is writing.
 * A run whose owner died (crash, SIGKILL) is left `running` with a dead owner and may be taken over.
 */
import { hostname } from "node:os";

/** The owner string of this process. */
export function currentOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Whether `owner` is a live process other than this one. A process on another host cannot be
 * checked, so it counts as alive.
 */
export function ownerAlive(owner: string | null): boolean {
  if (owner === null || owner === currentOwner()) return false;
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
