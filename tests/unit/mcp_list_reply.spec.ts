// The unfiltered tools/list reply reuses one byte buffer while its size stays the same (no 0.7 MB of garbage per
// request on a 1,000-tool config): each reply must still carry its own id and the current config's list.
import { parseRootConfig } from "../../assembly/config/parse";
import { PluginConfig } from "../../assembly/config/types";
import { dispatch } from "../../assembly/mcp/dispatch";
import { resultResponse } from "../../assembly/mcp/jsonrpc";

function config(names: string[]): PluginConfig {
  let tools = "";
  for (let i = 0; i < names.length; i++) {
    if (i > 0) tools += ",";
    tools += "{\"name\":\"" + names[i] + "\",\"description\":\"d\",\"requestTemplate\":{\"url\":\"/x\"}}";
  }
  const r = parseRootConfig("{\"server\":{\"name\":\"s\"},\"tools\":[" + tools + "]}");
  expect(r.ok).toBe(true);
  return r.config!.global!;
}

function list(id: string): string {
  return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}";
}

describe("tools/list reply bytes", () => {
  it("carry each request's id, same size or not", () => {
    const c = config(["a", "b"]);
    const ids = ["1", "2", "\"x\"", "10", "11", "3"];
    for (let i = 0; i < ids.length; i++) {
      expect(dispatch(c, list(ids[i]), null).text()).toBe(resultResponse(ids[i], "{\"tools\":" + c.toolsListJson + "}"));
    }
  });

  it("carry the list of the config asked, when two configs have lists of one size", () => {
    const c1 = config(["aa", "bb"]);
    const c2 = config(["cc", "dd"]);
    expect(dispatch(c1, list("7"), null).text()).toBe(resultResponse("7", "{\"tools\":" + c1.toolsListJson + "}"));
    expect(dispatch(c2, list("8"), null).text()).toBe(resultResponse("8", "{\"tools\":" + c2.toolsListJson + "}"));
    expect(dispatch(c1, list("9"), null).text()).toBe(resultResponse("9", "{\"tools\":" + c1.toolsListJson + "}"));
  });
});
