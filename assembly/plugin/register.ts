// Registers the MCP root context with the ABI layer.
import { registerRootFactory, RootContext } from "../proxy/context";
import { McpRoot } from "./root";

function newRoot(id: u32): RootContext {
  return new McpRoot(id);
}

/** Called once by each entry file. */
export function registerPlugin(): void {
  registerRootFactory(newRoot);
}
