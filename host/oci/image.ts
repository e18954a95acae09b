// The plugin as an OCI image, built in memory, byte-for-byte reproducible.
//
// Two layouts, both accepted by Istio's Wasm image fetcher (pkg/wasm/imagefetcher.go), which
// Higress's gateway uses to pull `oci://` plugins:
// - "oci" (default): Higress's "Wasm plugin image specification": an OCI image manifest whose
//   metadata layers are spec.yaml (application/vnd.module.wasm.spec.v1+yaml) and README.md
//   (application/vnd.module.wasm.doc.v1+markdown), and whose LAST layer is a tar+gzip holding
//   plugin.wasm (application/vnd.oci.image.layer.v1.tar+gzip) — the fetcher's "compat" OCI path.
// - "docker": a Docker schema 2 image with one rootfs layer holding plugin.wasm, what
//   `docker build` of `FROM scratch` + `COPY higress.wasm plugin.wasm` produces — the fetcher's
//   Docker path.
import { digestOf, gzip, tar } from "./tar.js";

export const MEDIA = {
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayer: "application/vnd.oci.image.layer.v1.tar+gzip",
  wasmSpec: "application/vnd.module.wasm.spec.v1+yaml",
  wasmDoc: "application/vnd.module.wasm.doc.v1+markdown",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
} as const;

export type Variant = "oci" | "docker";
export const VARIANTS: readonly Variant[] = ["oci", "docker"];

/** A content-addressed blob. */
export interface Blob {
  mediaType: string;
  digest: string;
  size: number;
  data: Buffer;
  annotations?: Record<string, string>;
}

/** An image: its manifest bytes and every blob the manifest names (config first). */
export interface Image {
  variant: Variant;
  mediaType: string;
  manifest: Buffer;
  digest: string;
  blobs: Blob[];
}

export interface ImageInput {
  /** The plugin module, stored as plugin.wasm. */
  wasm: Uint8Array;
  variant: Variant;
  /** spec.yaml and README.md for the "oci" variant (the Higress console shows them). */
  spec?: Uint8Array;
  readme?: Uint8Array;
  /** Manifest annotations (org.opencontainers.image.*); "oci" variant only. */
  annotations?: Record<string, string>;
}

function blob(mediaType: string, data: Buffer, title?: string): Blob {
  const b: Blob = { mediaType, digest: digestOf(data), size: data.length, data };
  if (title) b.annotations = { "org.opencontainers.image.title": title };
  return b;
}

const descriptor = (b: Blob) =>
  b.annotations
    ? { mediaType: b.mediaType, digest: b.digest, size: b.size, annotations: b.annotations }
    : { mediaType: b.mediaType, digest: b.digest, size: b.size };

/** The tar (uncompressed) holding plugin.wasm, and its gzip. */
export function pluginLayer(wasm: Uint8Array): { tar: Buffer; gz: Buffer } {
  const t = tar([{ name: "plugin.wasm", data: wasm }]);
  return { tar: t, gz: gzip(t) };
}

/** Builds the image. Same input, same bytes, same digest. */
export function buildImage(input: ImageInput): Image {
  const layer = pluginLayer(input.wasm);
  const docker = input.variant === "docker";
  const layers: Blob[] = [];
  const diffIds: string[] = [];
  if (!docker) {
    if (input.spec) layers.push(blob(MEDIA.wasmSpec, Buffer.from(input.spec), "spec.yaml"));
    if (input.readme) layers.push(blob(MEDIA.wasmDoc, Buffer.from(input.readme), "README.md"));
    for (const l of layers) diffIds.push(l.digest); // not compressed: the diff id is the blob's digest
  }
  layers.push(blob(docker ? MEDIA.dockerLayer : MEDIA.ociLayer, layer.gz, docker ? undefined : "plugin.tar.gz"));
  diffIds.push(digestOf(layer.tar));
  const configJson = {
    architecture: "wasm",
    os: "wasip1",
    config: {},
    rootfs: { type: "layers", diff_ids: diffIds },
  };
  const config = blob(docker ? MEDIA.dockerConfig : MEDIA.ociConfig, Buffer.from(JSON.stringify(configJson)));
  const mediaType = docker ? MEDIA.dockerManifest : MEDIA.ociManifest;
  const manifestJson: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType,
    config: descriptor(config),
    layers: layers.map(descriptor),
  };
  if (!docker && input.annotations && Object.keys(input.annotations).length > 0) {
    manifestJson.annotations = sortedRecord(input.annotations);
  }
  const manifest = Buffer.from(JSON.stringify(manifestJson));
  return { variant: input.variant, mediaType, manifest, digest: digestOf(manifest), blobs: [config, ...layers] };
}

/** The record with its keys sorted (stable JSON). */
export function sortedRecord(r: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k];
  return out;
}
