// A deterministic TemplateEnv for the rest_* specs: fixed clock, fixed
// randomness, fixed client IP.
import { TemplateEnv } from "../../../assembly/template/template";

/** Fixed clock (2023-11-14T22:13:20Z), random32 always 4, client IP 192.0.2.1. */
export class FixedEnv extends TemplateEnv {
  nowNanos(): i64 {
    return 1700000000000000000;
  }
  random32(): u32 {
    return 4;
  }
  realIP(): string {
    return "192.0.2.1";
  }
}
