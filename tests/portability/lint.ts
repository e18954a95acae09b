// Lint for what must run on Windows, macOS and Linux: npm script commands
// (run by sh on POSIX, by cmd.exe on Windows) and the Node files that bins and
// scripts run. Pure: each function returns the problems found, one per line.

/** POSIX utilities that cmd.exe does not have (or has with another meaning). */
const POSIX_COMMANDS = new Set([
  "test",
  "[",
  "[[",
  "rm",
  "cp",
  "mv",
  "mkdir",
  "rmdir",
  "cat",
  "ls",
  "grep",
  "sed",
  "awk",
  "find",
  "chmod",
  "chown",
  "ln",
  "touch",
  "which",
  "export",
  "source",
  ".",
  "sh",
  "bash",
  "zsh",
  "true",
  "false",
  "xargs",
  "head",
  "tail",
  "sleep",
  "kill",
  "env",
  "uname",
  "dirname",
  "basename",
  "tee",
  "wc",
  "sort",
  "tr",
  "cut",
  "printf",
  "realpath",
  "unset",
]);

/** Splits a command at unquoted separators (&&, ||, |, ;, &); quotes are kept in the parts. */
function splitCommands(cmd: string): { parts: string[]; separators: string[] } {
  const parts: string[] = [];
  const separators: string[] = [];
  let cur = "";
  let quote = "";
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i];
    if (quote) {
      if (c === quote) quote = "";
      cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      continue;
    }
    const two = cmd.slice(i, i + 2);
    if (two === "&&" || two === "||") {
      parts.push(cur);
      separators.push(two);
      cur = "";
      i++;
      continue;
    }
    if (c === "|" || c === ";" || c === "&") {
      // "2>&1" and ">&" are redirections, not separators
      if (c === "&" && cmd[i - 1] === ">") {
        cur += c;
        continue;
      }
      parts.push(cur);
      separators.push(c);
      cur = "";
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return { parts, separators };
}

/** Text outside double quotes (single quotes count as plain text: cmd.exe does not treat them as quotes). */
function unquoted(cmd: string): string {
  return cmd.replace(/"[^"]*"/g, '""');
}

/** Problems of one npm script command on some platform's shell. */
export function lintScript(cmd: string): string[] {
  const out: string[] = [];
  const { parts, separators } = splitCommands(cmd);
  for (const s of separators) {
    if (s === ";") out.push("`;` separates commands only in sh (cmd.exe: use &&)");
    if (s === "&") out.push("`&` runs in the background in sh but sequentially in cmd.exe");
  }
  const bare = unquoted(cmd);
  if (/'/.test(bare)) out.push("single quotes are not quotes in cmd.exe (use double quotes)");
  if (/\$[A-Za-z_{(]/.test(bare)) out.push("$VAR / ${…} / $(…) expand only in sh (read the environment in a Node script)");
  if (/`/.test(bare)) out.push("backticks are sh command substitution");
  if (/\/dev\//.test(bare)) out.push("/dev/… does not exist on Windows");
  if (/(^|\s)~\//.test(bare)) out.push("~ is expanded only by sh");
  if (/[*?]/.test(bare)) out.push("unquoted glob: sh expands it, cmd.exe does not (quote it and let the tool expand it)");
  for (const part of parts) {
    const words = part.trim().split(/\s+/).filter(Boolean);
    if (!words.length) continue;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) out.push(`\`${words[0]}\`: VAR=value prefixes work only in sh`);
    const head = words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) ?? "";
    if (POSIX_COMMANDS.has(head)) out.push(`\`${head}\` is a POSIX shell command (cmd.exe has none): use a Node script`);
    if (/^\.{1,2}\//.test(head)) out.push(`\`${head}\` runs a file through its executable bit and shebang: run it with node`);
  }
  return [...new Set(out)];
}

/** Problems of a Node file that a bin or an npm script runs. `isBin`: it is a package.json bin target. */
export function lintNodeFile(file: string, text: string, isBin: boolean): string[] {
  const out: string[] = [];
  if (!/\.(c|m)?js$/.test(file)) out.push(`${file}: not a .js/.mjs/.cjs file (npm runs bins on Windows through node only)`);
  const first = text.split("\n", 1)[0];
  if (isBin && first !== "#!/usr/bin/env node")
    out.push(`${file}: first line must be #!/usr/bin/env node (npm's Windows shim reads it)`);
  if (!isBin && first.startsWith("#!") && !/^#!\/usr\/bin\/env node\b/.test(first)) out.push(`${file}: shebang is not node`);
  const code = text
    .split("\n")
    .filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l))
    .join("\n");
  if (/\/dev\/(null|stdin|stdout|stderr|tty)/.test(code)) out.push(`${file}: /dev/… does not exist on Windows`);
  if (/["'`]\/tmp\b/.test(code)) out.push(`${file}: /tmp is POSIX only (use os.tmpdir())`);
  if (/process\.env\.HOME\b/.test(code)) out.push(`${file}: HOME is unset on Windows (use os.homedir())`);
  if (
    /(spawn|exec|execFile|spawnSync|execSync|execFileSync)\(\s*["'`](sh|bash|test|rm|cp|mkdir|cat|ls|grep|chmod|ln|which)\b/.test(
      code,
    )
  ) {
    out.push(`${file}: runs a POSIX command`);
  }
  if (/\bsymlink(Sync)?\(|\bchmod(Sync)?\(/.test(code)) out.push(`${file}: relies on symlinks or executable bits`);
  return out;
}

/** Node files (relative paths) that a script command runs with `node FILE`. */
export function nodeFilesOf(cmd: string): string[] {
  const files: string[] = [];
  for (const part of splitCommands(cmd).parts) {
    const words = part.trim().split(/\s+/);
    if (words[0] !== "node") continue;
    const file = words.slice(1).find((w) => !w.startsWith("-"));
    if (file && /\.(c|m)?js$/.test(file) && !file.startsWith("dist/")) files.push(file.replace(/^"|"$/g, ""));
  }
  return files;
}
