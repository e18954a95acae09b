// Minimal WebAssembly binary reader and writer for the signature and negative-guest tests:
// function imports and exports with their full types.
export type ValType = "i32" | "i64" | "f32" | "f64" | string;
export interface FuncType {
  params: ValType[];
  results: ValType[];
}
export interface ModuleFuncs {
  imports: Array<{ module: string; name: string; type: FuncType }>;
  exports: Array<{ name: string; type: FuncType }>;
  otherExports: string[];
}

const VAL: Record<number, ValType> = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64" };
export const sig = (t: FuncType): string => `(${t.params.join(",")})->(${t.results.join(",")})`;

/** Function imports and exports of a module, with their types. */
export function readFuncs(bytes: Uint8Array): ModuleFuncs {
  let i = 8;
  const u32 = (): number => {
    let r = 0,
      shift = 0,
      b: number;
    do {
      b = bytes[i++];
      r |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return r >>> 0;
  };
  const name = (): string => {
    const n = u32();
    const s = new TextDecoder().decode(bytes.subarray(i, i + n));
    i += n;
    return s;
  };
  const types: FuncType[] = [];
  const funcTypes: number[] = []; // type index of every function (imports first)
  const out: ModuleFuncs = { imports: [], exports: [], otherExports: [] };
  const exportsRaw: Array<{ name: string; kind: number; index: number }> = [];
  while (i < bytes.length) {
    const id = bytes[i++];
    const size = u32();
    const end = i + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        i++; // 0x60
        const params = Array.from({ length: u32() }, () => VAL[bytes[i++]] ?? "?");
        const results = Array.from({ length: u32() }, () => VAL[bytes[i++]] ?? "?");
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        const module = name(),
          field = name(),
          kind = bytes[i++];
        if (kind === 0) {
          const t = u32();
          funcTypes.push(t);
          out.imports.push({ module, name: field, type: types[t] });
        } else if (kind === 1) {
          i++;
          const f = bytes[i++];
          u32();
          if (f & 1) u32();
        } else if (kind === 2) {
          const f = bytes[i++];
          u32();
          if (f & 1) u32();
        } else if (kind === 3) {
          i += 2;
        }
      }
    } else if (id === 3) {
      for (let n = u32(); n > 0; n--) funcTypes.push(u32());
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) exportsRaw.push({ name: name(), kind: bytes[i++], index: u32() });
    }
    i = end;
  }
  for (const e of exportsRaw) {
    if (e.kind === 0) out.exports.push({ name: e.name, type: types[funcTypes[e.index]] });
    else out.otherExports.push(e.name);
  }
  return out;
}

const leb = (n: number): number[] => {
  const o: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    o.push(b);
  } while (n);
  return o;
};
const str = (s: string): number[] => {
  const b = [...new TextEncoder().encode(s)];
  return [...leb(b.length), ...b];
};
const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
const CODE: Record<string, number> = { i32: 0x7f, i64: 0x7e };

/** Builds a module: function imports (unused), exported functions returning zero, and an exported memory. */
export function buildModule(spec: {
  imports: Array<{ module: string; name: string; type: FuncType }>;
  exports: Array<{ name: string; type: FuncType }>;
}): Uint8Array {
  const types = [...spec.imports.map((x) => x.type), ...spec.exports.map((x) => x.type)];
  const typeSec = vec(types.map((t) => [0x60, ...vec(t.params.map((p) => [CODE[p]])), ...vec(t.results.map((r) => [CODE[r]]))]));
  const importSec = vec(spec.imports.map((x, k) => [...str(x.module), ...str(x.name), 0x00, ...leb(k)]));
  const nImp = spec.imports.length;
  const funcSec = vec(spec.exports.map((_x, k) => leb(nImp + k)));
  const memSec = vec([[0x00, 0x01]]);
  const exportSec = vec([
    ...spec.exports.map((x, k) => [...str(x.name), 0x00, ...leb(nImp + k)]),
    [...str("memory"), 0x02, 0x00],
  ]);
  const codeSec = vec(
    spec.exports.map((x) => {
      const body = [0x00, ...x.type.results.map((r) => (r === "i64" ? [0x42, 0x00] : [0x41, 0x00])).flat(), 0x0b];
      return [...leb(body.length), ...body];
    }),
  );
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, typeSec),
    ...section(2, importSec),
    ...section(3, funcSec),
    ...section(5, memSec),
    ...section(7, exportSec),
    ...section(10, codeSec),
  ]);
}
