// Log-line helpers of the filter. Lines carry server, tool, x-request-id and a
// reason; never a credential, an argument value or a body.
import { log } from "../proxy/host";
import { LOG_DEBUG, LOG_INFO } from "../proxy/enums";
import { FixedStr } from "../rest/textout";

/** Keep only printable ASCII (no CR/LF log injection), at most 64 chars. */
export function logSafe(s: string): string {
  const n = s.length < 64 ? s.length : 64;
  const out = new FixedStr(n); // one allocation (was one concatenation per character)
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    out.appendCode(c >= 0x21 && c <= 0x7e ? c : 0x5f);
  }
  return out.done();
}

/** Log a body-phase local reply: tools/call refusals at info, other errors and answers at debug (details only). */
export function logLocalReply(prefix: string, method: string, details: string): void {
  if (details == "mcp.initialize" || details == "mcp.ping" || details == "mcp.tools_list" || details == "mcp.server_discover" ||
    details == "mcp.notification_accepted" || details == "mcp.response_accepted") {
    log(LOG_DEBUG, prefix + "answered locally: " + details);
    return;
  }
  log(method == "tools/call" ? LOG_INFO : LOG_DEBUG, prefix + (method == "tools/call" ? "tool call" : "request") +
    " refused: " + details);
}
