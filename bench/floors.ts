// The JSON floor module (build/bench/jsonfloor.wasm) instantiated directly in this V8, outside the proxy-wasm host.
import { readFile } from "node:fs/promises";

interface FloorExports {
  memory: WebAssembly.Memory;
  alloc(size: number): number;
  free(ptr: number): void;
  run(ptr: number, len: number): number;
  _initialize?: () => void;
}

/** json-as validateJSON + JSON.parse<JSON.Value> + JSON.stringify (with UTF-8 decode/encode) of given bytes. */
export class JsonFloor {
  private constructor(private readonly ex: FloorExports) {}

  /** Instantiates the floor module (it has no imports). */
  static async load(path: string): Promise<JsonFloor> {
    const { instance } = await WebAssembly.instantiate(await readFile(path), {});
    const ex = instance.exports as unknown as FloorExports;
    ex._initialize?.();
    return new JsonFloor(ex);
  }

  /**
   * Copies `data` into the module (untimed), then times one `run`; returns nanoseconds.
   * Throws when the module reports invalid JSON (a benchmark input bug).
   */
  time(data: Uint8Array): bigint {
    const p = this.ex.alloc(data.length) >>> 0;
    new Uint8Array(this.ex.memory.buffer).set(data, p);
    const t0 = process.hrtime.bigint();
    const n = this.ex.run(p, data.length);
    const ns = process.hrtime.bigint() - t0;
    this.ex.free(p);
    if (n < 0) throw new Error("json floor: input is not valid JSON");
    return ns;
  }

  /** Current linear memory size in bytes. */
  get memoryBytes(): number {
    return this.ex.memory.buffer.byteLength;
  }
}
