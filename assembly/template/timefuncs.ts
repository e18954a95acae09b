// Host-backed functions: now date dateInZone unixEpoch uuidv4 getRealIP.
import * as F from "./funcnames";
import { State } from "./state";
import { K_NUM, K_TIME, Val } from "./value";
import { argc, str } from "./funcs";
import { formatGo, lookupZone } from "./date";
import { safeI64 } from "./printf";
import { joinStrings } from "../util/strbuf";

const HEX = "0123456789abcdef";

function instant(s: State, v: Val): i64 {
  if (v.kind == K_TIME) return v.i;
  if (v.kind == K_NUM) {
    const secs = v.isInt ? v.i : safeI64(v.f);
    if (secs > 9000000000 || secs < -9000000000) return secs > 0 ? i64.MAX_VALUE / 2 : i64.MIN_VALUE / 2;
    return secs * 1000000000;
  }
  // Sprig: anything else means "now"
  return s.env.nowNanos();
}

function uuid(s: State): string {
  const parts = new Array<string>();
  for (let w = 0; w < 4; w++) {
    let r = s.env.random32();
    if (w == 1) r = (r & 0xffff0fff) | 0x00004000; // version 4
    if (w == 2) r = (r & 0x3fffffff) | 0x80000000; // variant 10
    for (let k = 7; k >= 0; k--) parts.push(HEX.charAt((r >> (<u32>k * 4)) & 15));
  }
  const h = joinStrings(parts, "");
  return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20);
}

/** Evaluate a time/host function. */
export function timeFunc(s: State, fn: i32, name: string, args: Val[]): Val {
  switch (fn) {
    case F.F_NOW:
      if (!argc(s, name, args, 0, 0)) break;
      return Val.time(s.env.nowNanos(), 0, "UTC");
    case F.F_DATE: {
      if (!argc(s, name, args, 2, 2)) break;
      const t = args[1];
      const off = t.kind == K_TIME ? t.zone : 0;
      const zn = t.kind == K_TIME ? t.zoneName : "UTC";
      return Val.str(formatGo(str(args[0]), instant(s, t), off, zn));
    }
    case F.F_DATEINZONE: {
      if (!argc(s, name, args, 3, 3)) break;
      const z = lookupZone(str(args[2]));
      return Val.str(formatGo(str(args[0]), instant(s, args[1]), z.offset, z.name));
    }
    case F.F_UNIXEPOCH: {
      if (!argc(s, name, args, 1, 1)) break;
      const ns = instant(s, args[0]);
      const q = ns / 1000000000;
      return Val.str((ns < 0 && q * 1000000000 != ns ? q - 1 : q).toString());
    }
    case F.F_UUIDV4:
      if (!argc(s, name, args, 0, 0)) break;
      return Val.str(uuid(s));
    case F.F_GETREALIP:
      if (!argc(s, name, args, 0, 0)) break;
      return Val.str(s.env.realIP());
  }
  return Val.missing();
}
