// Lexer for Go text/template syntax ({{ }} actions, trim markers, comments).
// Produces a flat token list; the first lexical error stops lexing.

export const T_TEXT: i32 = 0;
export const T_LEFT: i32 = 1;
export const T_RIGHT: i32 = 2;
export const T_SPACE: i32 = 3;
export const T_IDENT: i32 = 4;
export const T_FIELD: i32 = 5;
export const T_VAR: i32 = 6;
export const T_STRING: i32 = 7;
export const T_RAWSTRING: i32 = 8;
export const T_NUMBER: i32 = 9;
export const T_CHARCONST: i32 = 10;
export const T_BOOL: i32 = 11;
export const T_NIL: i32 = 12;
export const T_DOT: i32 = 13;
export const T_PIPE: i32 = 14;
export const T_DECLARE: i32 = 15;
export const T_ASSIGN: i32 = 16;
export const T_LPAREN: i32 = 17;
export const T_RPAREN: i32 = 18;
export const T_CHAR: i32 = 19;
export const T_KEYWORD: i32 = 20;
export const T_EOF: i32 = 21;

/** One lexical token. */
export class Token {
  type: i32;
  text: string;
  pos: i32;
  constructor(type: i32, text: string, pos: i32) {
    this.type = type;
    this.text = text;
    this.pos = pos;
  }
}

/** Lexer output: tokens, or an error at a position. */
export class LexResult {
  tokens: Token[] = [];
  error: string = "";
  errPos: i32 = 0;
}

const KEYWORDS = ["if", "else", "end", "range", "with", "break", "continue", "define", "template", "block"];

function isSpace(c: i32): bool {
  return c == 32 || c == 9 || c == 13 || c == 10;
}

/** Letters, digits, underscore (non-ASCII code units count as letters). */
export function isAlnum(c: i32): bool {
  return (
    c == 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0x80 && c != 0xa0 && c != 0x3000)
  );
}

function trimLeftWs(s: string): string {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return s.substring(i);
}

function trimRightWs(s: string): string {
  let i = s.length;
  while (i > 0 && isSpace(s.charCodeAt(i - 1))) i--;
  return s.substring(0, i);
}

/** Go-style description of a character for errors: U+007D '}'. */
export function describeChar(c: i32): string {
  let h = c.toString(16).toUpperCase();
  while (h.length < 4) h = "0" + h;
  return "U+" + h + " '" + String.fromCharCode(c) + "'";
}

class Lexer {
  src: string;
  pos: i32 = 0;
  out: LexResult = new LexResult();
  constructor(src: string) {
    this.src = src;
  }
  fail(msg: string, at: i32): void {
    if (this.out.error.length == 0) {
      this.out.error = msg;
      this.out.errPos = at;
    }
  }
  emit(t: i32, start: i32, end: i32): void {
    this.out.tokens.push(new Token(t, this.src.substring(start, end), start));
  }
  atRight(p: i32): i32 {
    // returns length of the right delimiter at p (2 or 4 with trim marker), or 0
    const s = this.src;
    if (s.charCodeAt(p) == 125 && s.charCodeAt(p + 1) == 125) return 2;
    if (isSpace(s.charCodeAt(p)) && s.charCodeAt(p + 1) == 45 && s.charCodeAt(p + 2) == 125 && s.charCodeAt(p + 3) == 125) return 4;
    return 0;
  }
  atTerminator(p: i32): bool {
    const c = this.src.charCodeAt(p);
    if (c < 0 || isSpace(c)) return true;
    if (c == 46 || c == 44 || c == 124 || c == 58 || c == 41 || c == 40) return true;
    return c == 125 && this.src.charCodeAt(p + 1) == 125;
  }
  run(): LexResult {
    const s = this.src;
    let trimNext = false;
    while (this.pos < s.length && this.out.error.length == 0) {
      const idx = s.indexOf("{{", this.pos);
      let text = idx < 0 ? s.substring(this.pos) : s.substring(this.pos, idx);
      if (trimNext) text = trimLeftWs(text);
      if (idx < 0) {
        if (text.length > 0) this.out.tokens.push(new Token(T_TEXT, text, this.pos));
        this.pos = s.length;
        break;
      }
      const leftTrim = s.charCodeAt(idx + 2) == 45 && isSpace(s.charCodeAt(idx + 3));
      if (leftTrim) text = trimRightWs(text);
      if (text.length > 0) this.out.tokens.push(new Token(T_TEXT, text, this.pos));
      let p = idx + (leftTrim ? 4 : 2);
      if (s.charCodeAt(p) == 47 && s.charCodeAt(p + 1) == 42) {
        const close = s.indexOf("*/", p + 2);
        if (close < 0) {
          this.fail("unclosed comment", idx);
          break;
        }
        const r = this.atRight(close + 2);
        if (r == 0) {
          this.fail("comment ends before closing delimiter", idx);
          break;
        }
        trimNext = r == 4;
        this.pos = close + 2 + r;
        continue;
      }
      this.emit(T_LEFT, idx, idx + 2);
      this.pos = p;
      trimNext = this.lexAction();
    }
    this.out.tokens.push(new Token(T_EOF, "", s.length));
    return this.out;
  }
  /** lex inside an action up to and including the right delimiter; returns trim flag */
  lexAction(): bool {
    const s = this.src;
    const n = s.length;
    let parens = 0;
    while (this.out.error.length == 0) {
      const p = this.pos;
      const r = this.atRight(p);
      if (r > 0) {
        if (parens > 0) {
          this.fail("unclosed left paren", p);
          return false;
        }
        this.emit(T_RIGHT, p, p + r);
        this.pos = p + r;
        return r == 4;
      }
      if (p >= n) {
        this.fail("unclosed action", p);
        return false;
      }
      const c = s.charCodeAt(p);
      if (isSpace(c)) {
        let j = p;
        while (j < n && isSpace(s.charCodeAt(j))) {
          if (this.atRight(j) == 4) break;
          j++;
        }
        if (j > p) this.emit(T_SPACE, p, j);
        this.pos = j;
        continue;
      }
      if (c == 61) {
        this.emit(T_ASSIGN, p, p + 1);
        this.pos = p + 1;
      } else if (c == 58) {
        if (s.charCodeAt(p + 1) != 61) {
          this.fail("expected :=", p);
          return false;
        }
        this.emit(T_DECLARE, p, p + 2);
        this.pos = p + 2;
      } else if (c == 124) {
        this.emit(T_PIPE, p, p + 1);
        this.pos = p + 1;
      } else if (c == 34) this.lexQuote(p);
      else if (c == 96) {
        const close = s.indexOf("`", p + 1);
        if (close < 0) {
          this.fail("unterminated raw quoted string", p);
          return false;
        }
        this.emit(T_RAWSTRING, p, close + 1);
        this.pos = close + 1;
      } else if (c == 36) this.lexWord(p, T_VAR);
      else if (c == 39) this.lexCharConst(p);
      else if (c == 46 && !(s.charCodeAt(p + 1) >= 48 && s.charCodeAt(p + 1) <= 57)) this.lexWord(p, T_FIELD);
      else if (c == 46 || c == 43 || c == 45 || (c >= 48 && c <= 57)) this.lexNumber(p);
      else if (isAlnum(c)) this.lexWord(p, T_IDENT);
      else if (c == 40) {
        parens++;
        this.emit(T_LPAREN, p, p + 1);
        this.pos = p + 1;
      } else if (c == 41) {
        parens--;
        if (parens < 0) {
          this.fail("unexpected right paren", p);
          return false;
        }
        this.emit(T_RPAREN, p, p + 1);
        this.pos = p + 1;
      } else if (c < 127 && c > 32) {
        this.emit(T_CHAR, p, p + 1);
        this.pos = p + 1;
      } else {
        this.fail("unrecognized character in action: " + describeChar(c), p);
        return false;
      }
    }
    return false;
  }
  lexQuote(p: i32): void {
    const s = this.src;
    let i = p + 1;
    while (true) {
      const c = s.charCodeAt(i);
      if (c == 92) {
        const d = s.charCodeAt(i + 1);
        if (d < 0 || d == 10) {
          this.fail("unterminated quoted string", p);
          return;
        }
        i += 2;
        continue;
      }
      if (c < 0 || c == 10) {
        this.fail("unterminated quoted string", p);
        return;
      }
      i++;
      if (c == 34) break;
    }
    this.emit(T_STRING, p, i);
    this.pos = i;
  }
  lexCharConst(p: i32): void {
    const s = this.src;
    let i = p + 1;
    while (true) {
      const c = s.charCodeAt(i);
      if (c == 92) {
        i += 2;
        continue;
      }
      if (c < 0 || c == 10) {
        this.fail("unterminated character constant", p);
        return;
      }
      i++;
      if (c == 39) break;
    }
    this.emit(T_CHARCONST, p, i);
    this.pos = i;
  }
  /** `$name`, `.field` (GJSON-style continuation `.a.0.#.b` kept in one token), identifiers */
  lexWord(p: i32, type: i32): void {
    const s = this.src;
    let i = p + (type == T_IDENT ? 0 : 1);
    if (type != T_IDENT && this.atTerminator(i)) {
      this.emit(type == T_FIELD ? T_DOT : T_VAR, p, i);
      this.pos = i;
      return;
    }
    if (type == T_FIELD && s.charCodeAt(i) == 35) i++;
    else while (isAlnum(s.charCodeAt(i))) i++;
    if (type == T_FIELD) {
      // extension: `.items.0.name`, `.items.#`, `.items.#.name` form one field
      while (s.charCodeAt(i) == 46) {
        const d = s.charCodeAt(i + 1);
        if (d == 35) i += 2;
        else if (isAlnum(d)) {
          i++;
          while (isAlnum(s.charCodeAt(i))) i++;
        } else break;
      }
    }
    if (!this.atTerminator(i)) {
      this.fail("bad character " + describeChar(s.charCodeAt(i)), i);
      return;
    }
    const word = s.substring(p, i);
    let t = type;
    if (type == T_IDENT) {
      if (KEYWORDS.includes(word)) t = T_KEYWORD;
      else if (word == "true" || word == "false") t = T_BOOL;
      else if (word == "nil") t = T_NIL;
    }
    this.emit(t, p, i);
    this.pos = i;
  }
  lexNumber(p: i32): void {
    const s = this.src;
    let i = p;
    let c = s.charCodeAt(i);
    if (c == 43 || c == 45) i++;
    let hex = false;
    if (s.charCodeAt(i) == 48 && (s.charCodeAt(i + 1) | 32) == 120) {
      hex = true;
      i += 2;
    } else if (s.charCodeAt(i) == 48 && ((s.charCodeAt(i + 1) | 32) == 111 || (s.charCodeAt(i + 1) | 32) == 98)) i += 2;
    while (true) {
      c = s.charCodeAt(i);
      const lc = c | 32;
      if ((c >= 48 && c <= 57) || c == 95 || (hex && lc >= 97 && lc <= 102)) i++;
      else break;
    }
    if (s.charCodeAt(i) == 46) {
      i++;
      while (true) {
        c = s.charCodeAt(i);
        if ((c >= 48 && c <= 57) || c == 95 || (hex && (c | 32) >= 97 && (c | 32) <= 102)) i++;
        else break;
      }
    }
    if (!hex && (s.charCodeAt(i) | 32) == 101) {
      i++;
      c = s.charCodeAt(i);
      if (c == 43 || c == 45) i++;
      while (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    }
    if (isAlnum(s.charCodeAt(i)) || s.charCodeAt(i) == 46) {
      this.fail("bad number syntax: " + s.substring(p, i + 1), p);
      return;
    }
    this.emit(T_NUMBER, p, i);
    this.pos = i;
  }
}

/** Tokenize template source. */
export function lex(src: string): LexResult {
  return new Lexer(src).run();
}
