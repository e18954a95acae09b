// Host facts a template may ask for. Re-exported by template.ts.

/** Host-provided facts a template may ask for (time, randomness, client IP). */
export abstract class TemplateEnv {
  /** wall-clock time in nanoseconds since the Unix epoch */
  abstract nowNanos(): i64;
  /** 32 random bits (for uuidv4) */
  abstract random32(): u32;
  /** first x-forwarded-for hop, else the peer address ("" when unknown) */
  abstract realIP(): string;
}
