// MCP protocol revisions this server speaks (legacy era, Streamable HTTP, JSON responses).
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
