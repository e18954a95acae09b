// Output of one render as compact records, one per chunk: a literal of the
// template (index into its literal table), an action's value (its text and the
// value, JSON-encoded only if chunks are asked for), or a raw JSON value of the
// data printed as a range of the data text (no string of its own). toString()
// concatenates into one buffer sized by the running total; chunks() builds
// Chunk objects for callers that escape per chunk (request URL and body).
import { Val, jsonOf, textOf } from "./value";

/** A piece of rendered output: literal template text, or the value of an action. */
export class Chunk {
  /** true: text written in the template itself; false: output of a {{ }} action */
  literal: bool = true;
  /** the text as Go text/template would print it (strings unquoted) */
  text: string = "";
  /** for action output: the JSON encoding of the value (strings quoted; missing → "null"); "" for literals */
  json: string = "";
  constructor(literal: bool, text: string, json: string) {
    this.literal = literal;
    this.text = text;
    this.json = json;
  }
}

const R_LIT: i32 = 0;
const R_VAL: i32 = 1;
const R_RAW: i32 = 2;
/** raw: the value is a string; its text starts after the opening quote */
const R_OPEN: i32 = 4;
/** raw: the string's closing quote is not part of its text */
const R_CLOSE: i32 = 8;
const R_SRC_SHIFT: i32 = 4;

/** Output records of one render. */
export class Out {
  /** the template's literal texts (record argument of R_LIT) */
  lits: string[];
  /** 3 i32 per record: kind | flags | source index << R_SRC_SHIFT, a, b */
  private recs: StaticArray<i32> = new StaticArray<i32>(96);
  private n: i32 = 0;
  /** texts and values of R_VAL records (argument a indexes both) */
  private strs: string[] = [];
  private vals: Val[] = [];
  /** sources of R_RAW records */
  private srcs: string[] = [];
  private lastSrc: string = "";
  private lastSrcIdx: i32 = -1;
  /** UTF-16 length of the whole output */
  private chars: i32 = 0;
  constructor(lits: string[]) {
    this.lits = lits;
  }

  // @ts-ignore: decorator
  @inline private add(kind: i32, a: i32, b: i32): void {
    let recs = this.recs;
    const n = this.n;
    if (n + 3 > recs.length) {
      const grown = new StaticArray<i32>(recs.length << 1);
      memory.copy(changetype<usize>(grown), changetype<usize>(recs), <usize>n << 2);
      this.recs = recs = grown;
    }
    // n + 3 <= recs.length
    unchecked((recs[n] = kind));
    unchecked((recs[n + 1] = a));
    unchecked((recs[n + 2] = b));
    this.n = n + 3;
  }
  /** literal number `id` of the template (its text has `len` UTF-16 units) */
  lit(id: i32, len: i32): void {
    this.add(R_LIT, id, 0);
    this.chars += len;
  }
  /** an action's value and its printed text */
  val(text: string, v: Val): void {
    this.add(R_VAL, this.strs.length, 0);
    this.strs.push(text);
    this.vals.push(v);
    this.chars += text.length;
  }
  /** the raw value src[vs, ve) printed as src[ts, te) (ts = vs or vs + 1, te = ve or ve - 1) */
  raw(src: string, vs: i32, ve: i32, ts: i32, te: i32): void {
    let idx = this.lastSrcIdx;
    if (idx < 0 || changetype<usize>(src) != changetype<usize>(this.lastSrc)) {
      idx = this.srcs.length;
      this.srcs.push(src);
      this.lastSrc = src;
      this.lastSrcIdx = idx;
    }
    let kind = R_RAW | (idx << R_SRC_SHIFT);
    if (ts > vs) kind |= R_OPEN;
    if (te < ve) kind |= R_CLOSE;
    this.add(kind, vs, ve);
    this.chars += te - ts;
  }
  /** number of chunks */
  get length(): i32 {
    return this.n / 3;
  }

  /** every chunk's text, concatenated */
  toString(): string {
    const n = this.n;
    const recs = this.recs;
    if (n == 3 && (unchecked(recs[0]) & 3) == R_VAL) return this.strs[0];
    if (this.chars == 0) return "";
    const buf = __new(<usize>this.chars << 1, idof<string>());
    let at: usize = 0;
    const lits = this.lits;
    const strs = this.strs;
    const srcs = this.srcs;
    for (let r = 0; r < n; r += 3) {
      // r + 2 < n <= recs.length
      const k = unchecked(recs[r]);
      const a = unchecked(recs[r + 1]);
      let p: usize;
      let len: i32;
      if ((k & 3) == R_LIT) {
        const t = lits[a];
        p = changetype<usize>(t);
        len = t.length;
      } else if ((k & 3) == R_VAL) {
        const t = strs[a];
        p = changetype<usize>(t);
        len = t.length;
      } else {
        const src = srcs[k >>> R_SRC_SHIFT];
        const ts = a + ((k & R_OPEN) != 0 ? 1 : 0);
        const te = unchecked(recs[r + 2]) - ((k & R_CLOSE) != 0 ? 1 : 0);
        // 0 <= ts <= te <= src.length: recorded from a range of src (raw())
        p = changetype<usize>(src) + (<usize>ts << 1);
        len = te - ts;
      }
      memory.copy(buf + at, p, <usize>len << 1);
      at += <usize>len << 1;
    }
    return changetype<string>(buf);
  }

  /** the output as Chunk objects, in order */
  chunks(): Chunk[] {
    const count = this.n / 3;
    const out = new Array<Chunk>(count);
    const recs = this.recs;
    for (let i = 0; i < count; i++) {
      const r = i * 3; // r + 2 < n <= recs.length
      const k = unchecked(recs[r]);
      const a = unchecked(recs[r + 1]);
      let ch: Chunk;
      if ((k & 3) == R_LIT) ch = new Chunk(true, this.lits[a], "");
      else if ((k & 3) == R_VAL) ch = new Chunk(false, this.strs[a], jsonOf(this.vals[a]));
      else {
        const v = Val.raw(this.srcs[k >>> R_SRC_SHIFT], a, unchecked(recs[r + 2]));
        ch = new Chunk(false, textOf(v), jsonOf(v));
      }
      unchecked((out[i] = ch));
    }
    return out;
  }
}
