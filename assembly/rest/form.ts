// application/x-www-form-urlencoded encoding in linear time (one buffer, no
// per-character strings). request.ts re-exports it for auth/ and plugin/.
import { StrBuf } from "../util/strbuf";
import { encodeUtf8 } from "../util/utf8";

const HEXU = "0123456789ABCDEF";

/** Form-encode `s` (UTF-8; unreserved kept, space -> "+", everything else %XX). */
export function formEncode(s: string): string {
  if (unreservedOnly(s)) return s; // nothing to encode: no copy
  const bytes = Uint8Array.wrap(encodeUtf8(s));
  const out = new StrBuf(bytes.length + 8);
  for (let i = 0; i < bytes.length; i++) {
    const b = <i32>unchecked(bytes[i]);
    if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b == 0x2d || b == 0x2e || b == 0x5f || b == 0x7e) {
      out.appendCode(b);
    } else if (b == 0x20) {
      out.appendCode(0x2b);
    } else {
      out.appendCode(0x25);
      out.appendCode(HEXU.charCodeAt(b >> 4));
      out.appendCode(HEXU.charCodeAt(b & 15));
    }
  }
  return out.toString();
}

/** True when every code unit of `s` is an unreserved ASCII character (formEncode keeps them all). */
function unreservedOnly(s: string): bool {
  for (let i = 0; i < s.length; i++) {
    const b = <i32>load<u16>(changetype<usize>(s) + (<usize>i << 1)); // i < s.length
    if (!((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b == 0x2d || b == 0x2e || b == 0x5f || b == 0x7e)) {
      return false;
    }
  }
  return true;
}
