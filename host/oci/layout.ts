// OCI image layout (image-spec layout.md): a directory or a tar of it, readable by
// `skopeo copy oci:DIR …` / `oci-archive:FILE.tar`, `oras`, `crane`, and registries' importers.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MEDIA, type Image } from "./image.js";
import { tar, type TarEntry } from "./tar.js";

/** The files of the layout: relative path → bytes, sorted by path. */
export function layoutFiles(image: Image, tag: string): Array<[string, Buffer]> {
  const index = {
    schemaVersion: 2,
    mediaType: MEDIA.ociIndex,
    manifests: [
      {
        mediaType: image.mediaType,
        digest: image.digest,
        size: image.manifest.length,
        annotations: { "org.opencontainers.image.ref.name": tag },
      },
    ],
  };
  const files = new Map<string, Buffer>();
  files.set("oci-layout", Buffer.from(JSON.stringify({ imageLayoutVersion: "1.0.0" })));
  files.set("index.json", Buffer.from(JSON.stringify(index)));
  files.set(blobPath(image.digest), image.manifest);
  for (const b of image.blobs) files.set(blobPath(b.digest), b.data);
  return [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function blobPath(digest: string): string {
  const [alg, hex] = digest.split(":");
  return `blobs/${alg}/${hex}`;
}

/** Writes the layout into `dir` (created if missing). */
export async function writeLayoutDir(dir: string, image: Image, tag: string): Promise<void> {
  for (const [path, data] of layoutFiles(image, tag)) {
    const full = join(dir, ...path.split("/"));
    await mkdir(join(full, ".."), { recursive: true });
    await writeFile(full, data);
  }
}

/** The layout as one reproducible tar. */
export function layoutTar(image: Image, tag: string): Buffer {
  const entries: TarEntry[] = [{ name: "blobs/" }, { name: "blobs/sha256/" }];
  for (const [name, data] of layoutFiles(image, tag)) entries.push({ name, data });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return tar(entries);
}
