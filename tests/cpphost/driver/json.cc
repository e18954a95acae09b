// Minimal JSON parser and writer (RFC 8259; \u escapes incl. surrogate pairs → UTF-8).
#include "json.h"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace driver {
namespace {

struct Parser {
  const std::string &t;
  size_t i = 0;

  [[noreturn]] void fail(const char *why) { throw std::runtime_error(std::string("json: ") + why + " at " + std::to_string(i)); }
  void ws() { while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) i++; }
  bool eat(char c) { ws(); if (i < t.size() && t[i] == c) { i++; return true; } return false; }
  void expect(char c) { if (!eat(c)) fail("unexpected character"); }

  static void utf8(std::string &out, uint32_t cp) {
    if (cp < 0x80) out += char(cp);
    else if (cp < 0x800) { out += char(0xC0 | (cp >> 6)); out += char(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { out += char(0xE0 | (cp >> 12)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F)); }
    else { out += char(0xF0 | (cp >> 18)); out += char(0x80 | ((cp >> 12) & 0x3F)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F)); }
  }
  uint32_t hex4() {
    if (i + 4 > t.size()) fail("short \\u escape");
    uint32_t v = std::strtoul(t.substr(i, 4).c_str(), nullptr, 16);
    i += 4;
    return v;
  }
  std::string string() {
    expect('"');
    std::string out;
    while (true) {
      if (i >= t.size()) fail("unterminated string");
      char c = t[i++];
      if (c == '"') return out;
      if (c != '\\') { out += c; continue; }
      if (i >= t.size()) fail("bad escape");
      char e = t[i++];
      switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        uint32_t cp = hex4();
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= t.size() && t[i] == '\\' && t[i + 1] == 'u') {
          i += 2;
          uint32_t lo = hex4();
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        utf8(out, cp);
        break;
      }
      default: fail("bad escape");
      }
    }
  }
  Json value() {
    ws();
    if (i >= t.size()) fail("unexpected end");
    char c = t[i];
    if (c == '{') {
      i++;
      Json o = Json::object();
      if (eat('}')) return o;
      do { ws(); std::string k = string(); expect(':'); o.fields.emplace_back(k, value()); } while (eat(','));
      expect('}');
      return o;
    }
    if (c == '[') {
      i++;
      Json a = Json::array();
      if (eat(']')) return a;
      do a.items.push_back(value()); while (eat(','));
      expect(']');
      return a;
    }
    if (c == '"') return Json::str(string());
    if (t.compare(i, 4, "true") == 0) { i += 4; return Json::boolean(true); }
    if (t.compare(i, 5, "false") == 0) { i += 5; return Json::boolean(false); }
    if (t.compare(i, 4, "null") == 0) { i += 4; return Json(); }
    char *end = nullptr;
    double d = std::strtod(t.c_str() + i, &end);
    if (end == t.c_str() + i) fail("bad value");
    i = end - t.c_str();
    return Json::num(d);
  }
};

void writeString(std::string &out, const std::string &s) {
  out += '"';
  for (unsigned char c : s) {
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20) { char buf[8]; std::snprintf(buf, sizeof buf, "\\u%04x", c); out += buf; }
    else out += char(c);
  }
  out += '"';
}

void write(std::string &out, const Json &j) {
  switch (j.kind) {
  case Json::Null: out += "null"; break;
  case Json::Bool: out += j.b ? "true" : "false"; break;
  case Json::Number: {
    char buf[32];
    if (j.n == (double)(int64_t)j.n) std::snprintf(buf, sizeof buf, "%lld", (long long)j.n);
    else std::snprintf(buf, sizeof buf, "%.17g", j.n);
    out += buf;
    break;
  }
  case Json::String: writeString(out, j.s); break;
  case Json::Array:
    out += '[';
    for (size_t k = 0; k < j.items.size(); k++) { if (k) out += ','; write(out, j.items[k]); }
    out += ']';
    break;
  case Json::Object:
    out += '{';
    for (size_t k = 0; k < j.fields.size(); k++) {
      if (k) out += ',';
      writeString(out, j.fields[k].first);
      out += ':';
      write(out, j.fields[k].second);
    }
    out += '}';
    break;
  }
}

} // namespace

Json parseJson(const std::string &text) {
  Parser p{text};
  Json v = p.value();
  p.ws();
  if (p.i != text.size()) p.fail("trailing characters");
  return v;
}

std::string writeJson(const Json &j) {
  std::string out;
  write(out, j);
  return out;
}

} // namespace driver
