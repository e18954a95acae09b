// `{{.a.b}}` printed straight from the JSON text: an action that is one plain-key
// field path (no function, no variable declaration) resolves to a raw value range
// and is emitted as that range, with no Val and no substring per field. The text
// and the JSON encoding are those of Val.raw over the same range (textOf/jsonOf);
// strings with escapes, and paths through arrays, take the general path.
import { A_FIELD, Node } from "./ast";
import { State } from "./state";
import { K_OBJ, Val, textOf } from "./value";
import { keysGet, keysOf } from "./fields";
import { hitEnd, hitStart, memberRange } from "./members";
import { jsonSkipWs } from "../util/jsonscan";

const V_TRUE = Val.bool(true);
const V_FALSE = Val.bool(false);
const V_NULL = Val.nul();
const V_MISSING = Val.missing();

/** The plain keys of an action (or range) whose pipeline is one field path and nothing else, or null; cached on the node. */
export function directPlan(node: Node): string[] | null {
  if (!node.directSet) {
    node.directKeys = plan(node);
    node.directSet = true;
  }
  return node.directKeys;
}

function plan(node: Node): string[] | null {
  const p = node.pipe!;
  if (p.decl.length != 0 || p.cmds.length != 1) return null;
  const args = p.cmds[0].args;
  if (args.length != 1) return null;
  const a = args[0];
  return a.kind == A_FIELD ? keysOf(a) : null;
}

/** True when the action node was printed here (or failed its step); false: evaluate it the general way. */
export function directAction(s: State, dot: Val, node: Node): bool {
  const keys = directPlan(node);
  if (keys === null || dot.kind != K_OBJ) return false;
  if (!s.step()) return true; // the command's step (evalCommand)
  const src = dot.src;
  let st = dot.start;
  let en = dot.end;
  const last = keys.length - 1;
  for (let i = 0; i <= last; i++) {
    if (!memberRange(src, st, en, unchecked(keys[i]))) {
      s.emit("", V_MISSING);
      return true;
    }
    const vs = jsonSkipWs(src, hitStart, hitEnd);
    const ve = hitEnd;
    if (vs >= ve) {
      s.emit("", V_MISSING); // empty member value (lenient input): Val.raw reads it as missing
      return true;
    }
    const c = <i32>load<u16>(changetype<usize>(src) + (<usize>vs << 1)); // vs < ve <= src.length
    if (i < last) {
      if (c == 0x7b) {
        st = vs;
        en = ve;
        continue;
      }
      const v = keysGet(Val.raw(src, vs, ve), keys, i + 1);
      s.emit(textOf(v), v);
      return true;
    }
    emitValue(s, src, vs, ve, c);
  }
  return true;
}

/** Print the raw value src[vs, ve) (vs at its first character c). */
function emitValue(s: State, src: string, vs: i32, ve: i32, c: i32): void {
  if (c == 0x22) {
    const base = changetype<usize>(src);
    const e = ve - vs >= 2 && load<u16>(base + (<usize>(ve - 1) << 1)) == 0x22 ? ve - 1 : ve;
    // one pass: no escape in it (else the general path decodes it), and its UTF-8 length
    let bytes = 0;
    let i = vs + 1;
    while (i < e) {
      // vs < i < e <= ve <= src.length
      const d = <i32>load<u16>(base + (<usize>i << 1));
      if (d < 0x80) {
        if (d == 0x5c) {
          const v = Val.raw(src, vs, ve);
          s.emit(v.str, v);
          return;
        }
        bytes += 1;
      } else if (d < 0x800) bytes += 2;
      else if ((d & 0xfc00) == 0xd800 && i + 1 < e && (<i32>load<u16>(base + (<usize>(i + 1) << 1)) & 0xfc00) == 0xdc00) {
        bytes += 4; // a pair (as String.UTF8.byteLength counts it)
        i += 2;
        continue;
      } else bytes += 3;
      i++;
    }
    s.emitRaw(src, vs, ve, vs + 1, e, bytes);
  } else if (c == 0x7b || c == 0x5b || c == 0x2d || (c >= 0x30 && c <= 0x39) || c == 0x49 || c == 0x4e) {
    s.emitRaw(src, vs, ve, vs, ve);
  } else if (c == 0x74) s.emit("true", V_TRUE);
  else if (c == 0x66) s.emit("false", V_FALSE);
  else if (c == 0x6e) s.emit("null", V_NULL);
  else s.emit("", V_MISSING);
}
