// Names of template functions; the index of a name is its function id.

/** Every function a template may call (compile error otherwise). */
export const FUNC_NAMES: string[] = [
  "and", "or", "not", "len", "index", "slice", "print", "println", "printf", "urlquery", "html", "js", "eq",
  "ne", "lt", "le", "gt", "ge", "gjson", "default", "empty", "coalesce", "ternary", "add", "add1", "sub",
  "mul", "div", "mod", "max", "min", "addf", "subf", "mulf", "divf", "floor", "ceil", "round", "upper",
  "lower", "title", "trim", "trimAll", "trimPrefix", "trimSuffix", "replace", "contains", "hasPrefix",
  "hasSuffix", "quote", "squote", "cat", "join", "split", "splitList", "repeat", "substr", "trunc",
  "nospace", "toJson", "toPrettyJson", "toRawJson", "toString", "toInt", "int", "int64", "toFloat",
  "float64", "atoi", "fromJson", "b64enc", "b64dec", "now", "date", "dateInZone", "unixEpoch", "uuidv4",
  "getRealIP", "list", "dict", "hasKey", "keys", "first", "last",
];

/** id of `and` */
export const F_AND: i32 = 0;
/** id of `or` */
export const F_OR: i32 = 1;
/** id of `not` */
export const F_NOT: i32 = 2;
/** id of `len` */
export const F_LEN: i32 = 3;
/** id of `index` */
export const F_INDEX: i32 = 4;
/** id of `slice` */
export const F_SLICE: i32 = 5;
/** id of `print` */
export const F_PRINT: i32 = 6;
/** id of `println` */
export const F_PRINTLN: i32 = 7;
/** id of `printf` */
export const F_PRINTF: i32 = 8;
/** id of `urlquery` */
export const F_URLQUERY: i32 = 9;
/** id of `html` */
export const F_HTML: i32 = 10;
/** id of `js` */
export const F_JS: i32 = 11;
/** id of `eq` */
export const F_EQ: i32 = 12;
/** id of `ne` */
export const F_NE: i32 = 13;
/** id of `lt` */
export const F_LT: i32 = 14;
/** id of `le` */
export const F_LE: i32 = 15;
/** id of `gt` */
export const F_GT: i32 = 16;
/** id of `ge` */
export const F_GE: i32 = 17;
/** id of `gjson` */
export const F_GJSON: i32 = 18;
/** id of `default` */
export const F_DEFAULT: i32 = 19;
/** id of `empty` */
export const F_EMPTY: i32 = 20;
/** id of `coalesce` */
export const F_COALESCE: i32 = 21;
/** id of `ternary` */
export const F_TERNARY: i32 = 22;
/** id of `add` */
export const F_ADD: i32 = 23;
/** id of `add1` */
export const F_ADD1: i32 = 24;
/** id of `sub` */
export const F_SUB: i32 = 25;
/** id of `mul` */
export const F_MUL: i32 = 26;
/** id of `div` */
export const F_DIV: i32 = 27;
/** id of `mod` */
export const F_MOD: i32 = 28;
/** id of `max` */
export const F_MAX: i32 = 29;
/** id of `min` */
export const F_MIN: i32 = 30;
/** id of `addf` */
export const F_ADDF: i32 = 31;
/** id of `subf` */
export const F_SUBF: i32 = 32;
/** id of `mulf` */
export const F_MULF: i32 = 33;
/** id of `divf` */
export const F_DIVF: i32 = 34;
/** id of `floor` */
export const F_FLOOR: i32 = 35;
/** id of `ceil` */
export const F_CEIL: i32 = 36;
/** id of `round` */
export const F_ROUND: i32 = 37;
/** id of `upper` */
export const F_UPPER: i32 = 38;
/** id of `lower` */
export const F_LOWER: i32 = 39;
/** id of `title` */
export const F_TITLE: i32 = 40;
/** id of `trim` */
export const F_TRIM: i32 = 41;
/** id of `trimAll` */
export const F_TRIMALL: i32 = 42;
/** id of `trimPrefix` */
export const F_TRIMPREFIX: i32 = 43;
/** id of `trimSuffix` */
export const F_TRIMSUFFIX: i32 = 44;
/** id of `replace` */
export const F_REPLACE: i32 = 45;
/** id of `contains` */
export const F_CONTAINS: i32 = 46;
/** id of `hasPrefix` */
export const F_HASPREFIX: i32 = 47;
/** id of `hasSuffix` */
export const F_HASSUFFIX: i32 = 48;
/** id of `quote` */
export const F_QUOTE: i32 = 49;
/** id of `squote` */
export const F_SQUOTE: i32 = 50;
/** id of `cat` */
export const F_CAT: i32 = 51;
/** id of `join` */
export const F_JOIN: i32 = 52;
/** id of `split` */
export const F_SPLIT: i32 = 53;
/** id of `splitList` */
export const F_SPLITLIST: i32 = 54;
/** id of `repeat` */
export const F_REPEAT: i32 = 55;
/** id of `substr` */
export const F_SUBSTR: i32 = 56;
/** id of `trunc` */
export const F_TRUNC: i32 = 57;
/** id of `nospace` */
export const F_NOSPACE: i32 = 58;
/** id of `toJson` */
export const F_TOJSON: i32 = 59;
/** id of `toPrettyJson` */
export const F_TOPRETTYJSON: i32 = 60;
/** id of `toRawJson` */
export const F_TORAWJSON: i32 = 61;
/** id of `toString` */
export const F_TOSTRING: i32 = 62;
/** id of `toInt` */
export const F_TOINT: i32 = 63;
/** id of `int` */
export const F_INT: i32 = 64;
/** id of `int64` */
export const F_INT64: i32 = 65;
/** id of `toFloat` */
export const F_TOFLOAT: i32 = 66;
/** id of `float64` */
export const F_FLOAT64: i32 = 67;
/** id of `atoi` */
export const F_ATOI: i32 = 68;
/** id of `fromJson` */
export const F_FROMJSON: i32 = 69;
/** id of `b64enc` */
export const F_B64ENC: i32 = 70;
/** id of `b64dec` */
export const F_B64DEC: i32 = 71;
/** id of `now` */
export const F_NOW: i32 = 72;
/** id of `date` */
export const F_DATE: i32 = 73;
/** id of `dateInZone` */
export const F_DATEINZONE: i32 = 74;
/** id of `unixEpoch` */
export const F_UNIXEPOCH: i32 = 75;
/** id of `uuidv4` */
export const F_UUIDV4: i32 = 76;
/** id of `getRealIP` */
export const F_GETREALIP: i32 = 77;
/** id of `list` */
export const F_LIST: i32 = 78;
/** id of `dict` */
export const F_DICT: i32 = 79;
/** id of `hasKey` */
export const F_HASKEY: i32 = 80;
/** id of `keys` */
export const F_KEYS: i32 = 81;
/** id of `first` */
export const F_FIRST: i32 = 82;
/** id of `last` */
export const F_LAST: i32 = 83;

/** Function id for a name, or -1 when not defined. */
export function funcId(name: string): i32 {
  return FUNC_NAMES.indexOf(name);
}
