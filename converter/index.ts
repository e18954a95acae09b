// Public API of the OpenAPI → plugin config converter.
export { convert, ConvertError } from "./convert.js";
export { load, loadTemplate, isUrl } from "./load.js";
export type { LoadOptions } from "./load.js";
export { serialize } from "./serialize.js";
export type { Format } from "./serialize.js";
export { main } from "./cli.js";
export type * from "./types.js";
