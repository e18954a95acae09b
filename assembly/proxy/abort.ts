// abort handler (asconfig `use: abort=pw_abort`): Envoy provides no env.abort.
// Logs the reason at critical level, then traps. Messages come from the AS
// runtime (static texts, file names), never from request data.
import { logCritical } from "./host";

/** Log an abort reason, then trap (a trap fails the VM; see README "Robustness"). */
// @ts-ignore: decorator
@global
export function pw_abort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  const m = message === null ? "(no message)" : message;
  const f = fileName === null ? "?" : fileName;
  logCritical("abort: " + m + " at " + f + ":" + line.toString() + ":" + column.toString());
  unreachable();
}
