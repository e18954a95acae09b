// Publishing against a real registry: Debian's docker-registry on 127.0.0.1 (anonymous, htpasswd,
// token auth), pushed by the CLI, pulled back and checked with Debian's skopeo.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import YAML from "yaml";
import { readYaml, repoPath } from "../deploy/files.js";
import { PASSWORD, startRegistry, USER, type TestRegistry } from "./registry.js";
import { cli, missingTools, must, run, type RunResult } from "./tools.js";
import { untar } from "./untar.js";

const skip = missingTools();
const REPO = "plugins/mcp-rest";

let work: string;
const outputs: string[] = [];

/** CLI run whose output is kept for the credential scan. */
async function pushCli(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<RunResult> {
  const r = await cli(args, {
    env: { ...process.env, DOCKER_CONFIG: join(work, "no-docker-config"), ...opts.env },
    input: opts.input,
  });
  outputs.push(r.stdout, r.stderr);
  return r;
}

function digestOf(out: string): string {
  const m = /^# digest: (sha256:[0-9a-f]{64})$/m.exec(out);
  assert.ok(m, `no digest in:\n${out}`);
  return m[1];
}

const creds = ["--creds", `${USER}:${PASSWORD}`];

/** skopeo copy to an OCI dir; the files of each layer (tar layers unpacked, others as blobs). */
async function pull(
  reg: TestRegistry,
  ref: string,
  auth: string[],
): Promise<{
  manifest: { mediaType?: string; layers: Array<{ mediaType: string; digest: string }> };
  plugin: Buffer;
  raw: Map<string, Buffer>;
}> {
  const dir = await mkdtemp(join(work, "pull-"));
  await must("skopeo", [
    "copy",
    "--src-tls-verify=false",
    ...(auth.length ? ["--src-creds", auth[1]] : []),
    `docker://${reg.host}/${ref}`,
    `oci:${dir}:x`,
  ]);
  const index = JSON.parse(await readFile(join(dir, "index.json"), "utf8")) as { manifests: Array<{ digest: string }> };
  const blob = (d: string) => readFile(join(dir, "blobs", ...d.split(":")));
  const manifest = JSON.parse((await blob(index.manifests[0].digest)).toString("utf8"));
  const raw = new Map<string, Buffer>();
  for (const l of manifest.layers) raw.set(l.mediaType, await blob(l.digest));
  const last = manifest.layers[manifest.layers.length - 1];
  const files = untar(gunzipSync(await blob(last.digest)));
  assert.deepEqual(
    files.map((f) => f.name),
    ["plugin.wasm"],
  );
  return { manifest, plugin: files[0].data, raw };
}

describe("publish to a real registry", { skip }, () => {
  const regs: Partial<Record<"none" | "htpasswd" | "token", TestRegistry>> = {};
  let wasm: Buffer;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), "publish-"));
    wasm = await readFile(repoPath("build", "higress.wasm"));
    regs.none = await startRegistry("none");
    regs.htpasswd = await startRegistry("htpasswd");
    regs.token = await startRegistry("token");
  });
  after(async () => {
    for (const r of Object.values(regs)) await r?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test("anonymous: push twice gives one digest; skopeo sees it and pulls back plugin.wasm, spec.yaml, README.md", async () => {
    const reg = regs.none!;
    const a = await pushCli(["push", `${reg.host}/${REPO}:0.1.0`]);
    assert.equal(a.code, 0, a.stderr);
    const b = await pushCli(["push", `${reg.host}/${REPO}:again`]);
    assert.equal(b.code, 0, b.stderr);
    const digest = digestOf(a.stdout);
    assert.equal(digestOf(b.stdout), digest);
    const info = JSON.parse(await must("skopeo", ["inspect", "--tls-verify=false", `docker://${reg.host}/${REPO}:0.1.0`]));
    assert.equal(info.Digest, digest);
    assert.deepEqual([...info.RepoTags].sort(), ["0.1.0", "again"]);
    const pulled = await pull(reg, `${REPO}:0.1.0`, []);
    assert.ok(pulled.plugin.equals(wasm), "plugin.wasm differs from build/higress.wasm");
    assert.ok(pulled.raw.get("application/vnd.module.wasm.spec.v1+yaml")!.equals(await readFile(repoPath("spec.yaml"))));
    assert.ok(pulled.raw.get("application/vnd.module.wasm.doc.v1+markdown")!.equals(await readFile(repoPath("README.md"))));
    assert.equal(
      pulled.manifest.layers[pulled.manifest.layers.length - 1].mediaType,
      "application/vnd.oci.image.layer.v1.tar+gzip",
    );
  });

  test("the printed WasmPlugin is pinned by the pushed digest", async () => {
    const reg = regs.none!;
    const r = await pushCli([
      "push",
      `${reg.host}/${REPO}:pin`,
      "--config",
      repoPath("examples", "demo", "config.yaml"),
      "--ingress",
      "mcp-demo/demo-notes-mcp",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const digest = digestOf(r.stdout);
    assert.match(r.stdout, new RegExp(`^  url: oci://${reg.host}/${REPO}@${digest}$`, "m"));
    assert.match(r.stdout, new RegExp(`^  sha256: ${digest.slice(7)}$`, "m"));
    assert.match(r.stdout, /^        - mcp-demo\/demo-notes-mcp$/m);
    // it is examples/higress/wasmplugin.yaml with url and sha256 pinned
    const example = readYaml("examples", "higress", "wasmplugin.yaml") as { spec: Record<string, unknown> };
    const printed = YAML.parse(r.stdout) as { spec: Record<string, unknown> };
    assert.deepEqual(printed, { ...example, spec: { ...example.spec, url: printed.spec.url, sha256: printed.spec.sha256 } });
  });

  test("htpasswd: anonymous push is refused; flags, env and ~/.docker/config.json credentials push", async () => {
    const reg = regs.htpasswd!;
    const anon = await pushCli(["push", `${reg.host}/${REPO}:x`]);
    assert.equal(anon.code, 1);
    assert.match(anon.stderr, /authentication required \(Basic\)/);
    const wrong = await pushCli(["push", `${reg.host}/${REPO}:x`, "--username", USER, "--password-stdin"], { input: "nope\n" });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /HTTP 401.*check the credentials/);
    const flags = await pushCli(["push", `${reg.host}/${REPO}:flags`, "--username", USER, "--password-stdin"], {
      input: `${PASSWORD}\n`,
    });
    assert.equal(flags.code, 0, flags.stderr);
    const env = await pushCli(["push", `${reg.host}/${REPO}:env`], {
      env: { REGISTRY_USERNAME: USER, REGISTRY_PASSWORD: PASSWORD },
    });
    assert.equal(env.code, 0, env.stderr);
    const cfgDir = await mkdtemp(join(work, "docker-"));
    const auth = Buffer.from(`${USER}:${PASSWORD}`).toString("base64");
    await writeFile(join(cfgDir, "config.json"), JSON.stringify({ auths: { [reg.host]: { auth } } }));
    const file = await pushCli(["push", `${reg.host}/${REPO}:file`], { env: { DOCKER_CONFIG: cfgDir } });
    assert.equal(file.code, 0, file.stderr);
    assert.equal(digestOf(flags.stdout), digestOf(env.stdout));
    assert.equal(digestOf(flags.stdout), digestOf(file.stdout));
    const denied = await run("skopeo", ["inspect", "--tls-verify=false", `docker://${reg.host}/${REPO}:flags`]);
    assert.notEqual(denied.code, 0, "the registry let skopeo in without credentials");
    const info = JSON.parse(
      await must("skopeo", ["inspect", "--tls-verify=false", ...creds, `docker://${reg.host}/${REPO}:file`]),
    );
    assert.equal(info.Digest, digestOf(file.stdout));
    assert.ok((await pull(reg, `${REPO}:flags`, creds)).plugin.equals(wasm));
  });

  test("htpasswd: chunked upload of the Docker-style image of envoy.wasm", async () => {
    const reg = regs.htpasswd!;
    const env = { REGISTRY_USERNAME: USER, REGISTRY_PASSWORD: PASSWORD };
    const r = await pushCli(
      ["push", `${reg.host}/${REPO}:envoy`, "--build", "envoy", "--format", "docker", "--chunk-size", "16384"],
      { env },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /kind: WasmPlugin/);
    const raw = JSON.parse(
      await must("skopeo", ["inspect", "--raw", "--tls-verify=false", ...creds, `docker://${reg.host}/${REPO}:envoy`]),
    );
    assert.equal(raw.mediaType, "application/vnd.docker.distribution.manifest.v2+json");
    assert.deepEqual(
      raw.layers.map((l: { mediaType: string }) => l.mediaType),
      ["application/vnd.docker.image.rootfs.diff.tar.gzip"],
    );
    const pulled = await pull(reg, `${REPO}:envoy`, creds);
    assert.ok(pulled.plugin.equals(await readFile(repoPath("build", "envoy.wasm"))));
  });

  test("token auth: the Bearer challenge sends credentials to the realm, and the token pushes", async () => {
    const reg = regs.token!;
    const anon = await pushCli(["push", `${reg.host}/${REPO}:x`]);
    assert.equal(anon.code, 1);
    assert.match(anon.stderr, /token request .* failed with HTTP 401 \(no credentials given\)/);
    const r = await pushCli(["push", `${reg.host}/${REPO}:tok`], {
      env: { REGISTRY_USERNAME: USER, REGISTRY_PASSWORD: PASSWORD },
    });
    assert.equal(r.code, 0, r.stderr);
    const granted = reg.tokenRequests.filter((t) => t.authenticated);
    assert.ok(granted.length > 0);
    assert.ok(
      granted.every((t) => t.scopes.includes(`repository:${REPO}:pull,push`)),
      JSON.stringify(granted),
    );
    const info = JSON.parse(
      await must("skopeo", ["inspect", "--tls-verify=false", ...creds, `docker://${reg.host}/${REPO}:tok`]),
    );
    assert.equal(info.Digest, digestOf(r.stdout));
    assert.ok((await pull(reg, `${REPO}:tok`, creds)).plugin.equals(wasm));
  });

  test("image --output DIR and FILE.tar: the same digest as pushed, readable by skopeo", async () => {
    const dir = join(work, "layout");
    const tarFile = join(work, "layout.tar");
    const d = await cli(["image", "--output", dir]);
    const t = await cli(["image", "--output", tarFile]);
    assert.equal(d.code, 0, d.stderr);
    assert.equal(t.code, 0, t.stderr);
    const push = await pushCli(["push", `${regs.none!.host}/${REPO}:layout`]);
    assert.equal(d.stdout.trim(), digestOf(push.stdout));
    assert.equal(t.stdout.trim(), d.stdout.trim());
    for (const src of [`oci:${dir}`, `oci-archive:${tarFile}`]) {
      const info = JSON.parse(await must("skopeo", ["inspect", src]));
      assert.equal(info.Digest, d.stdout.trim(), src);
    }
  });

  test("no CLI output carries the registry password", () => {
    assert.ok(outputs.length > 0);
    for (const o of outputs) {
      assert.ok(!o.includes(PASSWORD), "password in output");
      assert.ok(!o.includes(Buffer.from(`${USER}:${PASSWORD}`).toString("base64")), "Basic credentials in output");
    }
  });
});
