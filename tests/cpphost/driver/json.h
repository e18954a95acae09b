// Minimal JSON value, parser and writer for the scenario driver (objects keep insertion order).
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace driver {

struct Json {
  enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
  bool b = false;
  double n = 0;
  std::string s;
  std::vector<Json> items;                          // Array
  std::vector<std::pair<std::string, Json>> fields; // Object

  static Json str(std::string v) { Json j; j.kind = String; j.s = std::move(v); return j; }
  static Json num(double v) { Json j; j.kind = Number; j.n = v; return j; }
  static Json boolean(bool v) { Json j; j.kind = Bool; j.b = v; return j; }
  static Json array() { Json j; j.kind = Array; return j; }
  static Json object() { Json j; j.kind = Object; return j; }

  const Json *get(const std::string &key) const {
    for (auto &f : fields) if (f.first == key) return &f.second;
    return nullptr;
  }
  std::string getString(const std::string &key, const std::string &dflt = "") const {
    auto *j = get(key);
    return j && j->kind == String ? j->s : dflt;
  }
  double getNumber(const std::string &key, double dflt = 0) const {
    auto *j = get(key);
    return j && j->kind == Number ? j->n : dflt;
  }
  bool getBool(const std::string &key, bool dflt = false) const {
    auto *j = get(key);
    return j && j->kind == Bool ? j->b : dflt;
  }
  Json &set(const std::string &key, Json v) {
    for (auto &f : fields) if (f.first == key) { f.second = std::move(v); return f.second; }
    fields.emplace_back(key, std::move(v));
    return fields.back().second;
  }
  void push(Json v) { items.push_back(std::move(v)); }
};

// Parses `text`; throws std::runtime_error on malformed input.
Json parseJson(const std::string &text);
// Serializes compactly; strings are written as UTF-8 with JSON escapes for control characters.
std::string writeJson(const Json &j);

} // namespace driver
