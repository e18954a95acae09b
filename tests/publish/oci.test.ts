// host/oci pure parts: tar and gzip bytes, image reproducibility and layout, references,
// challenges, credential sources.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseChallenges } from "../../host/oci/challenge.js";
import { findCredentials } from "../../host/oci/creds.js";
import { buildImage, MEDIA } from "../../host/oci/image.js";
import { layoutTar } from "../../host/oci/layout.js";
import { isLoopback, parseRef } from "../../host/oci/ref.js";
import { gzip, tar } from "../../host/oci/tar.js";
import { untar } from "./untar.js";
import { cli } from "./tools.js";
import { repoPath } from "../deploy/files.js";

const wasm = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(1000, 7)]);
const sha = (b: Uint8Array) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

test("tar: ustar headers with mtime 0, uid/gid 0, mode 0644, data padded to 512", () => {
  const t = tar([{ name: "dir/" }, { name: "dir/plugin.wasm", data: wasm }]);
  assert.equal(t.length % 512, 0);
  const files = untar(t);
  assert.deepEqual(
    files.map((f) => [f.name, f.type, f.mode, f.mtime, f.uid, f.gid]),
    [
      ["dir/", "5", 0o755, 0, 0, 0],
      ["dir/plugin.wasm", "0", 0o644, 0, 0, 0],
    ],
  );
  assert.ok(files[1].data.equals(wasm));
  assert.throws(() => tar([{ name: "x".repeat(101), data: wasm }]), /longer than 100/);
});

test("gzip: fixed header (mtime 0, OS unknown) and the same bytes every time", () => {
  const a = gzip(wasm);
  assert.equal(a.readUInt32LE(4), 0);
  assert.equal(a[9], 255);
  assert.ok(a.equals(gzip(wasm)));
  assert.ok(gunzipSync(a).equals(wasm));
});

test("oci image: spec.yaml and README.md layers, plugin.wasm last, reproducible digest, annotations", () => {
  const input = {
    wasm,
    variant: "oci" as const,
    spec: Buffer.from("spec"),
    readme: Buffer.from("# readme"),
    annotations: { "org.opencontainers.image.version": "1.2.3", "org.opencontainers.image.source": "https://example.com/x" },
  };
  const a = buildImage(input);
  assert.equal(a.digest, buildImage(input).digest);
  assert.ok(a.manifest.equals(buildImage(input).manifest));
  assert.notEqual(a.digest, buildImage({ ...input, wasm: Buffer.concat([wasm, Buffer.from([1])]) }).digest);
  assert.equal(a.digest, sha(a.manifest));
  const m = JSON.parse(a.manifest.toString());
  assert.equal(m.mediaType, MEDIA.ociManifest);
  assert.deepEqual(
    m.layers.map((l: { mediaType: string }) => l.mediaType),
    [MEDIA.wasmSpec, MEDIA.wasmDoc, MEDIA.ociLayer],
  );
  assert.deepEqual(Object.keys(m.annotations), ["org.opencontainers.image.source", "org.opencontainers.image.version"]);
  for (const b of a.blobs) assert.equal(b.digest, sha(b.data));
  const last = a.blobs[a.blobs.length - 1];
  const inner = gunzipSync(last.data);
  assert.deepEqual(
    untar(inner).map((f) => f.name),
    ["plugin.wasm"],
  );
  const config = JSON.parse(a.blobs[0].data.toString());
  assert.equal(config.created, undefined, "a timestamp would change the digest");
  assert.deepEqual(config.rootfs.diff_ids, [sha(Buffer.from("spec")), sha(Buffer.from("# readme")), sha(inner)]);
});

test("docker image: schema 2 manifest, one rootfs layer, no annotations", () => {
  const d = buildImage({ wasm, variant: "docker", annotations: { a: "b" } });
  const m = JSON.parse(d.manifest.toString());
  assert.equal(m.mediaType, MEDIA.dockerManifest);
  assert.equal(m.config.mediaType, MEDIA.dockerConfig);
  assert.deepEqual(
    m.layers.map((l: { mediaType: string }) => l.mediaType),
    [MEDIA.dockerLayer],
  );
  assert.equal(m.annotations, undefined);
});

test("layout tar: oci-layout, index.json naming the tag, every blob; same bytes twice", () => {
  const img = buildImage({ wasm, variant: "oci" });
  const t = layoutTar(img, "0.1.0");
  assert.ok(t.equals(layoutTar(img, "0.1.0")));
  const files = new Map(untar(t).map((f) => [f.name, f.data]));
  assert.deepEqual(JSON.parse(files.get("oci-layout")!.toString()), { imageLayoutVersion: "1.0.0" });
  const index = JSON.parse(files.get("index.json")!.toString());
  assert.equal(index.manifests[0].digest, img.digest);
  assert.equal(index.manifests[0].annotations["org.opencontainers.image.ref.name"], "0.1.0");
  for (const b of img.blobs) assert.ok(files.get(`blobs/sha256/${b.digest.slice(7)}`)!.equals(b.data));
});

const refs: Array<[string, Record<string, unknown> | RegExp]> = [
  [
    "127.0.0.1:5000/plugins/mcp-rest:0.1.0",
    { registry: "127.0.0.1:5000", apiHost: "127.0.0.1:5000", repository: "plugins/mcp-rest", tag: "0.1.0" },
  ],
  ["oci://registry.example.com/a/b/c", { registry: "registry.example.com", repository: "a/b/c", tag: undefined }],
  ["localhost/x@sha256:" + "a".repeat(64), { registry: "localhost", repository: "x", digest: "sha256:" + "a".repeat(64) }],
  ["nginx", { registry: "docker.io", apiHost: "registry-1.docker.io", repository: "library/nginx" }],
  ["me/plugin:v1", { registry: "docker.io", repository: "me/plugin", tag: "v1" }],
  ["Registry.example.com/UPPER", /invalid repository component/],
  ["r.example.com/a:bad tag", /invalid tag/],
  ["r.example.com/a@sha256:123", /digest must be/],
  ["r.example.com/a/../b", /invalid repository component/],
  ["", /empty/],
];
for (const [input, want] of refs) {
  test(`parseRef(${JSON.stringify(input)})`, () => {
    if (want instanceof RegExp) assert.throws(() => parseRef(input), want);
    else
      for (const [k, v] of Object.entries(want)) assert.equal((parseRef(input) as unknown as Record<string, unknown>)[k], v, k);
  });
}

test("plain HTTP only for loopback hosts", () => {
  for (const h of ["localhost:5000", "127.0.0.1:5000", "127.1.2.3", "[::1]:5000"]) assert.ok(isLoopback(h), h);
  for (const h of ["registry.example.com", "10.0.0.1:5000", "localhost.example.com", "128.0.0.1"]) assert.ok(!isLoopback(h), h);
});

test("WWW-Authenticate: Basic and Bearer challenges with quoted, escaped and unquoted parameters", () => {
  assert.deepEqual(
    parseChallenges(
      'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"',
    ),
    [
      {
        scheme: "bearer",
        params: { realm: "https://auth.example.com/token", service: "registry.example.com", scope: "repository:a/b:pull,push" },
      },
    ],
  );
  assert.deepEqual(parseChallenges('Basic realm="a \\"b\\"", Bearer realm=x'), [
    { scheme: "basic", params: { realm: 'a "b"' } },
    { scheme: "bearer", params: { realm: "x" } },
  ]);
  assert.deepEqual(parseChallenges(""), []);
  assert.equal(parseChallenges(`Bearer realm="${"x".repeat(1_000_000)}`).length, 1); // bounded, no quadratic rescans
});

test("credentials: flags beat env beat ~/.docker/config.json; docker.io uses the index key", async () => {
  const dir = await mkdtemp(join(tmpdir(), "creds-"));
  try {
    const auth = (u: string, p: string) => Buffer.from(`${u}:${p}`).toString("base64");
    await writeFile(
      join(dir, "config.json"),
      JSON.stringify({
        auths: { "r.example.com": { auth: auth("file", "p:w") }, "https://index.docker.io/v1/": { auth: auth("hub", "h") } },
      }),
    );
    const env = { REGISTRY_USERNAME: "envuser", REGISTRY_PASSWORD: "envpw" };
    const o = { dockerConfigDir: dir };
    assert.deepEqual(await findCredentials("r.example.com", { ...o, env: {}, username: "u", password: "p" }), {
      username: "u",
      password: "p",
      source: "flags",
    });
    assert.equal((await findCredentials("r.example.com", { ...o, env }))?.source, "env");
    assert.deepEqual(await findCredentials("r.example.com", { ...o, env: {} }), {
      username: "file",
      password: "p:w",
      source: join(dir, "config.json"),
    });
    assert.equal((await findCredentials("docker.io", { ...o, env: {} }))?.username, "hub");
    assert.equal(await findCredentials("other.example.com", { ...o, env: {} }), undefined);
    assert.equal(await findCredentials("r.example.com", { dockerConfigDir: join(dir, "none"), env: {} }), undefined);
    await assert.rejects(findCredentials("r", { ...o, env: { REGISTRY_USERNAME: "x" } }), /set both/);
    await assert.rejects(findCredentials("r", { ...o, env: {}, username: "x" }), /go together/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("push checks --config in the plugin before contacting the registry", async () => {
  const dir = await mkdtemp(join(tmpdir(), "push-config-"));
  try {
    const bad = join(dir, "bad.yaml");
    await writeFile(bad, "server:\n  name: x\ntools:\n  - name: a\n    requestTemplate:\n      url: http://x/{{.args.q\n");
    const r = await cli(["push", "127.0.0.1:1/x:1", "--config", bad, "--ingress", "a/b"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /tools\[0\]\.requestTemplate\.url: template: .*unclosed action/);
    assert.doesNotMatch(r.stderr, /fetch failed|ECONNREFUSED/);
    const noRule = await cli(["push", "127.0.0.1:1/x:1", "--config", repoPath("examples", "demo", "config.yaml")]);
    assert.equal(noRule.code, 1);
    assert.match(noRule.stderr, /--config needs --ingress NS\/NAME or --domain HOST/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("image: --image-version, --source, --revision and --annotation land in the manifest; the digest follows them", async () => {
  const dir = await mkdtemp(join(tmpdir(), "image-ann-"));
  try {
    const args = [
      "--image-version",
      "9.9.9",
      "--source",
      "https://example.com/repo",
      "--revision",
      "a".repeat(40),
      "--annotation",
      "com.example.k=v",
    ];
    const r = await cli(["image", "--output", join(dir, "l"), ...args]);
    assert.equal(r.code, 0, r.stderr);
    const index = JSON.parse(await readFile(join(dir, "l", "index.json"), "utf8"));
    assert.equal(index.manifests[0].annotations["org.opencontainers.image.ref.name"], "9.9.9");
    const digest = r.stdout.trim();
    const m = JSON.parse(await readFile(join(dir, "l", "blobs", "sha256", digest.slice(7)), "utf8"));
    assert.equal(m.annotations["org.opencontainers.image.version"], "9.9.9");
    assert.equal(m.annotations["org.opencontainers.image.source"], "https://example.com/repo");
    assert.equal(m.annotations["org.opencontainers.image.revision"], "a".repeat(40));
    assert.equal(m.annotations["com.example.k"], "v");
    const other = await cli(["image", "--output", join(dir, "m"), ...args.slice(0, -2)]);
    assert.notEqual(other.stdout.trim(), digest);
    const bad = await cli(["image", "--output", join(dir, "n"), "--format", "zip"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--format: one of oci, docker/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
