// TemplateEnv backed by the host: clock from proxy_get_current_time_nanoseconds,
// randomness from a xorshift generator seeded by the clock (no WASI/env.seed
// import), client IP from x-forwarded-for or the source.address property.
import { TemplateEnv } from "../template/template";
import { nowNanos, getProperty } from "../proxy/host";
import { stripPort } from "../util/authority";

let rngState: u64 = 0;

/** Host-backed facts for templates, one per stream. */
export class HostTemplateEnv extends TemplateEnv {
  forwardedFor: string;
  constructor(forwardedFor: string) {
    super();
    this.forwardedFor = forwardedFor;
  }
  nowNanos(): i64 {
    return nowNanos();
  }
  random32(): u32 {
    if (rngState == 0) rngState = <u64>nowNanos() | 1;
    let x = rngState;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    rngState = x;
    return <u32>(x >> 16);
  }
  realIP(): string {
    if (this.forwardedFor.length > 0) {
      const comma = this.forwardedFor.indexOf(",");
      return (comma < 0 ? this.forwardedFor : this.forwardedFor.substring(0, comma)).trim();
    }
    const addr = getProperty(["source", "address"]);
    if (addr === null) return "";
    return hostOf(addr);
  }
}

/** "1.2.3.4:5678" -> "1.2.3.4"; "[::1]:80" -> "::1" (rules' stripPort, then the IPv6 brackets). */
export function hostOf(addr: string): string {
  const h = stripPort(addr);
  return h.length >= 2 && h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length - 1) : h;
}
