// MCP protocol revisions this server speaks over Streamable HTTP (JSON responses):
// the legacy era (initialize handshake) and the modern, stateless 2026-07-28.
import { joinStrings } from "../util/strbuf";

/** Supported revisions, newest first. */
export const SUPPORTED_VERSIONS: string[] = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];

/** The revision offered when the client asks for one we do not support. */
export const LATEST_VERSION: string = "2025-11-25";

/** True when v is one of SUPPORTED_VERSIONS (exact match). */
export function isSupportedVersion(v: string): bool {
  return SUPPORTED_VERSIONS.includes(v);
}

/** "2025-11-25, 2025-06-18, ..." for error messages. */
export function supportedList(): string {
  return joinStrings(SUPPORTED_VERSIONS, ", ");
}

/** `["2025-11-25",...]` for error data. */
export function supportedJsonArray(): string {
  return "[\"" + joinStrings(SUPPORTED_VERSIONS, "\",\"") + "\"]";
}

/** The modern (stateless, per-request `_meta`) revision. */
export const MODERN_VERSION: string = "2026-07-28";

/** Every revision served, modern first: `["2026-07-28","2025-11-25",...]` (server/discover, -32022 data). */
export function allVersionsJsonArray(): string {
  return "[\"" + MODERN_VERSION + "\",\"" + joinStrings(SUPPORTED_VERSIONS, "\",\"") + "\"]";
}
