/**
 * A reader that goes away early (`ape tasks validate … | head -1`) closes the pipe under our
 * stdout. Node reports that as an EPIPE error event on the stream, which, unhandled, ends the
 * process with a stack trace. The Unix convention is to stop quietly: the command is stopped (as
 * Ctrl-C would stop it) and the exit code is 0.
 */
import { codeOf } from "../caught.js";

/** An error event that only means the reader of the stream has gone. */
function isClosedPipe(error: unknown): boolean {
  const code = codeOf(error);
  return code === "EPIPE" || code === "ERR_STREAM_DESTROYED";
}

/**
 * Watch `stream` for a closed pipe for the rest of the process (the error can come after the
 * command has finished writing). `onClosed` runs once, at the first one. Returns whether the pipe
 * has been closed so far. Any other stream error is rethrown, as if no one were listening.
 */
export function watchClosedPipe(stream: NodeJS.EventEmitter, onClosed: () => void): () => boolean {
  let closed = false;
  stream.on("error", (error: unknown) => {
    if (!isClosedPipe(error)) throw error;
    if (!closed) onClosed();
    closed = true;
  });
  return () => closed;
}
