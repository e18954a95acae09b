// RegistryClient against small fake registries on 127.0.0.1, for what a real registry cannot show:
// where credentials go. Basic credentials reach a plain-http token realm only on the registry's own
// host name; Authorization never follows an upload Location to another origin; a registry that
// stores a different digest than ours fails the push.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buildImage } from "../../host/oci/image.js";
import { parseRef } from "../../host/oci/ref.js";
import { RegistryClient } from "../../host/oci/registry.js";

interface Seen {
  host: string;
  method: string;
  path: string;
  authorization?: string;
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse, port: number) => void) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({
      host: req.headers.host ?? "",
      method: req.method ?? "",
      path: req.url ?? "",
      authorization: req.headers.authorization,
    });
    req.resume();
    req.on("end", () => handler(req, res, port));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return { seen, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const wasm = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(64, 1)]);
const creds = { username: "u", password: "secret-pw", source: "flags" };

/** A Bearer-protected registry whose realm host is `realmHost`; uploads go to `uploadHost` (no auth there). */
async function fakeRegistry(
  realmHost: (tokenPort: number) => string,
  uploadHost: (port: number) => string,
  digestOverride?: string,
) {
  const token = await serve((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"token":"good"}'));
  const reg = await serve((req, res, port) => {
    const path = req.url ?? "";
    if (path.startsWith("/upload/")) {
      res.writeHead(req.method === "PUT" ? 201 : 202, { location: `http://${uploadHost(port)}${path}` }).end();
      return;
    }
    if (req.headers.authorization !== "Bearer good") {
      res.writeHead(401, { "www-authenticate": `Bearer realm="http://${realmHost(token.port)}/token",service="svc"` }).end();
      return;
    }
    if (req.method === "HEAD") res.writeHead(404).end();
    else if (req.method === "POST") res.writeHead(202, { location: `http://${uploadHost(port)}/upload/1` }).end();
    else if (req.method === "PUT" && path.includes("/manifests/"))
      res.writeHead(201, { "docker-content-digest": digestOverride ?? "" }).end();
    else res.writeHead(400).end();
  });
  return { token, reg, close: async () => (await token.close(), await reg.close()) };
}

test("plain-http token realm on another host name gets no credentials; uploads elsewhere get no Authorization", async () => {
  const f = await fakeRegistry(
    (p) => `localhost:${p}`,
    (p) => `localhost:${p}`,
  );
  try {
    const image = buildImage({ wasm, variant: "docker" });
    const client = new RegistryClient(parseRef(`127.0.0.1:${f.reg.port}/a/b:1`), { credentials: creds });
    const { digest } = await client.push(image, "1");
    assert.equal(digest, image.digest);
    assert.ok(f.token.seen.length > 0);
    for (const s of f.token.seen)
      assert.equal(s.authorization, undefined, "credentials sent to a plain-http realm on another host");
    const uploads = f.reg.seen.filter((s) => s.path.startsWith("/upload/"));
    assert.ok(uploads.length > 0);
    for (const u of uploads)
      assert.equal(u.authorization, undefined, "Authorization followed the upload Location to another origin");
    assert.ok(f.reg.seen.some((s) => s.path.includes("/manifests/") && s.authorization === "Bearer good"));
  } finally {
    await f.close();
  }
});

test("a token realm on the registry's host name gets the Basic credentials", async () => {
  const f = await fakeRegistry(
    (p) => `127.0.0.1:${p}`,
    (p) => `127.0.0.1:${p}`,
  );
  try {
    await new RegistryClient(parseRef(`127.0.0.1:${f.reg.port}/a/b:1`), { credentials: creds }).push(
      buildImage({ wasm, variant: "oci" }),
      "1",
    );
    assert.ok(f.token.seen.length > 0);
    assert.equal(f.token.seen[0].authorization, `Basic ${Buffer.from("u:secret-pw").toString("base64")}`);
    assert.match(f.token.seen[0].path, /[?&]scope=repository%3Aa%2Fb%3Apull%2Cpush/);
  } finally {
    await f.close();
  }
});

test("a registry that reports another manifest digest fails the push, without the password in the error", async () => {
  const f = await fakeRegistry(
    (p) => `127.0.0.1:${p}`,
    (p) => `127.0.0.1:${p}`,
    `sha256:${"0".repeat(64)}`,
  );
  try {
    const client = new RegistryClient(parseRef(`127.0.0.1:${f.reg.port}/a/b:1`), { credentials: creds });
    await assert.rejects(client.push(buildImage({ wasm, variant: "oci" }), "1"), (e: Error) => {
      assert.match(e.message, /registry computed sha256:0{64}/);
      assert.ok(!e.message.includes("secret-pw"));
      return true;
    });
  } finally {
    await f.close();
  }
});
