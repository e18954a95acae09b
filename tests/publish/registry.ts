// A real registry for tests: Debian's docker-registry (CNCF distribution) on 127.0.0.1 with a temp
// storage dir, anonymous, with htpasswd (Basic), or with token auth (Bearer challenge) backed by a
// small token server here that signs ES256 JWTs with a throw-away certificate.
import { spawn, type ChildProcess } from "node:child_process";
import { createPrivateKey, randomUUID, sign, X509Certificate } from "node:crypto";
import { createServer, type Server } from "node:http";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer as netServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { must } from "./tools.js";

export type AuthMode = "none" | "htpasswd" | "token";

export const USER = "alice";
export const PASSWORD = "pw-9f3c1e7a-s3cret";

export interface TestRegistry {
  host: string; // 127.0.0.1:PORT
  dir: string;
  /** Requests the token server answered: whether each carried valid Basic credentials. */
  tokenRequests: Array<{ authenticated: boolean; scopes: string[] }>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = netServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

async function startTokenServer(
  dir: string,
  log: TestRegistry["tokenRequests"],
): Promise<{ server: Server; realm: string; bundle: string }> {
  const keyFile = join(dir, "token.key");
  const certFile = join(dir, "token.crt");
  await must("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    keyFile,
    "-out",
    certFile,
    "-days",
    "2",
    "-subj",
    "/CN=test-token-issuer",
  ]);
  const key = createPrivateKey(await readFile(keyFile));
  const cert = new X509Certificate(await readFile(certFile));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;
    const authenticated = req.headers.authorization === expected;
    const scopes = url.searchParams.getAll("scope");
    log.push({ authenticated, scopes });
    if (!authenticated) {
      res.writeHead(401, { "content-type": "application/json" }).end('{"details":"bad credentials"}');
      return;
    }
    const access = scopes.map((s) => {
      const [type, name, actions] = s.split(":");
      return { type, name, actions: actions.split(",") };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: "JWT", alg: "ES256", x5c: [cert.raw.toString("base64")] };
    const claims = {
      iss: "test-issuer",
      sub: USER,
      aud: "test-registry",
      exp: now + 600,
      nbf: now - 60,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const sig = sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ token: `${input}.${b64url(sig)}` }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const realm = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  return { server, realm, bundle: certFile };
}

/** Starts a registry; resolves once it answers /v2/. */
export async function startRegistry(mode: AuthMode): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), `registry-${mode}-`));
  const port = await freePort();
  const tokenRequests: TestRegistry["tokenRequests"] = [];
  let auth = "";
  let tokenServer: Server | undefined;
  if (mode === "htpasswd") {
    await writeFile(join(dir, "htpasswd"), await must("htpasswd", ["-Bbn", USER, PASSWORD]));
    auth = `auth:\n  htpasswd:\n    realm: test-realm\n    path: ${join(dir, "htpasswd")}\n`;
  } else if (mode === "token") {
    const t = await startTokenServer(dir, tokenRequests);
    tokenServer = t.server;
    auth = `auth:\n  token:\n    realm: ${t.realm}\n    service: test-registry\n    issuer: test-issuer\n    rootcertbundle: ${t.bundle}\n`;
  }
  const config = `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, "data")}\nhttp:\n  addr: 127.0.0.1:${port}\n  secret: test-secret\n${auth}`;
  await writeFile(join(dir, "config.yml"), config);
  const proc: ChildProcess = spawn("docker-registry", ["serve", join(dir, "config.yml")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr?.on("data", (d) => (stderr += d));
  const host = `127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(`http://${host}/v2/`);
      await res.arrayBuffer();
      if (res.status === 200 || res.status === 401) break;
    } catch {
      /* not up yet */
    }
    if (proc.exitCode !== null || i > 200) throw new Error(`docker-registry did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host,
    dir,
    tokenRequests,
    async close() {
      proc.kill("SIGTERM");
      tokenServer?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
