// `image` and `push`: build the plugin's OCI image (pure Node) and write it as an OCI layout,
// or push it to a registry and print a WasmPlugin pinned by the manifest digest.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { findCredentials } from "./creds.js";
import { buildImage, VARIANTS, type Image, type Variant } from "./image.js";
import { layoutTar, writeLayoutDir } from "./layout.js";
import { annotations, PACKAGE_ROOT, readPackageJson } from "./meta.js";
import { parseRef, pinnedUrl } from "./ref.js";
import { RegistryClient } from "./registry.js";
import { renderWasmPluginYaml, type MatchRule } from "./wasmplugin.js";

export const BUILDS = ["higress", "envoy"] as const;
export type Build = (typeof BUILDS)[number];

export interface ImageOptions {
  /** Which module of build/: higress.wasm (Higress, default) or envoy.wasm. */
  build?: Build;
  /** A module path instead of build/<build>.wasm. */
  wasm?: string;
  format?: Variant;
  spec?: string;
  readme?: string;
  version?: string;
  source?: string;
  revision?: string;
  annotations?: Record<string, string>;
}

/** Builds the image from files. */
export async function makeImage(o: ImageOptions): Promise<Image> {
  const build = o.build ?? "higress";
  if (!BUILDS.includes(build)) throw new Error(`--build: one of ${BUILDS.join(", ")}`);
  const variant = o.format ?? "oci";
  if (!VARIANTS.includes(variant)) throw new Error(`--format: one of ${VARIANTS.join(", ")}`);
  const wasmPath = o.wasm ?? join(PACKAGE_ROOT, "build", `${build}.wasm`);
  const wasm = await readFile(wasmPath).catch(() => {
    throw new Error(`${wasmPath}: not found (run npm run build, or give --wasm PATH)`);
  });
  if (wasm.length < 8 || wasm.readUInt32BE(0) !== 0x0061736d) throw new Error(`${wasmPath}: not a WebAssembly module`);
  const spec = await readFile(o.spec ?? join(PACKAGE_ROOT, "spec.yaml"));
  const readme = await readFile(o.readme ?? join(PACKAGE_ROOT, "README.md"));
  const ann = await annotations({ version: o.version, source: o.source, revision: o.revision, extra: o.annotations });
  return buildImage({ wasm, variant, spec, readme, annotations: ann });
}

export interface ImageCommandOptions extends ImageOptions {
  /** A directory (OCI layout) or a FILE.tar (the layout as a tar). */
  output: string;
  /** org.opencontainers.image.ref.name in index.json; default the package version. */
  tag?: string;
}

/** `image`: writes the layout; prints the manifest digest. */
export async function imageCommand(o: ImageCommandOptions, out: (s: string) => void): Promise<number> {
  const image = await makeImage(o);
  const tag = o.tag ?? o.version ?? (await readPackageJson()).version;
  if (o.output.endsWith(".tar")) await writeFile(o.output, layoutTar(image, tag));
  else await writeLayoutDir(o.output, image, tag);
  out(`${image.digest}\n`);
  return 0;
}

export interface PushCommandOptions extends ImageOptions {
  ref: string;
  username?: string;
  password?: string;
  plainHttp?: boolean;
  chunkSize?: number;
  /** Plugin config file for the printed WasmPlugin's rule; ingress/domain select the route. */
  config?: unknown;
  ingress?: string[];
  domain?: string[];
  pluginName?: string;
  namespace?: string;
  imagePullSecret?: string;
  env?: NodeJS.ProcessEnv;
}

const PLACEHOLDER_RULE: MatchRule = {
  ingress: ["default/my-mcp-route"],
  config: { server: { name: "my-api" }, tools: [] },
};

/** `push`: pushes, then prints the digest and a WasmPlugin pinned by it (YAML on `out`). */
export async function pushCommand(o: PushCommandOptions, out: (s: string) => void): Promise<number> {
  const ref = parseRef(o.ref);
  if (o.config !== undefined && !o.ingress?.length && !o.domain?.length)
    throw new Error("--config needs --ingress NS/NAME or --domain HOST (the MCP route)");
  const image = await makeImage(o);
  const reference = ref.digest ?? ref.tag ?? o.version ?? (await readPackageJson()).version;
  if (ref.digest && ref.digest !== image.digest) throw new Error(`${o.ref}: the image digest is ${image.digest}`);
  const credentials = await findCredentials(ref.registry, { username: o.username, password: o.password, env: o.env });
  const client = new RegistryClient(ref, { credentials, plainHttp: o.plainHttp, chunkSize: o.chunkSize });
  const { digest } = await client.push(image, reference);
  const shown = `${ref.registry}/${ref.repository}${ref.digest ? "" : `:${reference}`}`;
  let text = `# pushed ${shown}\n# digest: ${digest}\n`;
  if ((o.build ?? "higress") !== "higress") {
    out(text + "# envoy.wasm is for upstream Envoy (ABI 0_2_1); no Higress WasmPlugin printed\n");
    return 0;
  }
  const rules: MatchRule[] =
    o.config === undefined ? [PLACEHOLDER_RULE] : [{ ingress: o.ingress, domain: o.domain, config: o.config }];
  if (o.config === undefined) text += "# edit matchRules: one entry per MCP route, config from --config FILE\n";
  text += renderWasmPluginYaml({
    url: pinnedUrl(ref, digest),
    sha256: digest.slice("sha256:".length),
    name: o.pluginName,
    namespace: o.namespace,
    imagePullSecret: o.imagePullSecret,
    rules,
  });
  out(text);
  return 0;
}
