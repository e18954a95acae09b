// WWW-Authenticate challenges (RFC 7235 §4.1) as registries send them:
//   Basic realm="Registry"
//   Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"
// One pass over the header: linear time whatever the input.

export interface Challenge {
  scheme: string; // lower case: "basic", "bearer", …
  params: Record<string, string>; // names in lower case
}

/** Parses the challenges of one header value; unknown syntax ends the parse (what was read is kept). */
export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  const s = header.slice(0, 8192);
  let i = 0;
  const skipWs = () => {
    while (i < s.length && (s[i] === " " || s[i] === "\t" || s[i] === ",")) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < s.length && /[A-Za-z0-9!#$%&'*+.^_`|~-]/.test(s[i])) i++;
    return s.slice(start, i);
  };
  let current: Challenge | undefined;
  while (i < s.length) {
    skipWs();
    const name = token();
    if (!name) break;
    let j = i;
    while (j < s.length && (s[j] === " " || s[j] === "\t")) j++;
    if (s[j] === "=" && current) {
      i = j + 1;
      while (i < s.length && (s[i] === " " || s[i] === "\t")) i++;
      let value = "";
      if (s[i] === '"') {
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === "\\" && i + 1 < s.length) i++;
          value += s[i++];
        }
        i++; // closing quote
      } else {
        value = token();
      }
      current.params[name.toLowerCase()] = value;
    } else {
      current = { scheme: name.toLowerCase(), params: {} };
      out.push(current);
    }
  }
  return out;
}
