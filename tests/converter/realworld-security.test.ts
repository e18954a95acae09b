// Issue 22 item 7 (converter side): fully satisfiable alternatives win, parameters duplicating
// the credential are removed, user-token schemes (OAuth2 user flows, OpenID Connect) become
// bearer schemes filled by passthrough.
import test from "node:test";
import assert from "node:assert/strict";
import { convert } from "../../converter/convert.js";
import { load } from "../../converter/load.js";
import { configProblems, fixture } from "./helpers.js";

test("security: fully satisfiable alternative, no secret arguments, bearer passthrough for user-token schemes", async () => {
  const { config, warnings } = convert(await load(fixture("realworld/security.openapi.yaml")));
  assert.deepEqual(configProblems(config), []);
  const tool = (n: string) => config.tools!.find((t) => t.name === n)!;
  assert.deepEqual(tool("partialFirst").requestTemplate.security, { id: "basic" });
  assert.deepEqual(
    tool("keyParam").args.map((a) => a.name),
    ["q"],
  );
  assert.deepEqual(tool("queryKey").args, []);
  assert.deepEqual(tool("me").args, []);
  assert.ok(
    warnings.some(
      (w) =>
        w.location === "paths./key-param.get" &&
        /header parameter "x-api-key" carries the credential of security scheme apiKey; removed/.test(w.message),
    ),
  );
  for (const id of ["user", "oidc"]) {
    assert.deepEqual(
      config.server.securitySchemes!.find((s) => s.id === id),
      { id, type: "http", scheme: "bearer" },
    );
  }
  assert.deepEqual(tool("me").security, { id: "user", passthrough: true });
  assert.deepEqual(tool("oidc").security, { id: "oidc", passthrough: true });
  assert.equal(tool("partialFirst").security, undefined);
  assert.ok(
    warnings.some(
      (w) =>
        w.location === "components.securitySchemes.user" && /authorizationCode flow\) mapped to a bearer scheme/.test(w.message),
    ),
  );
});
