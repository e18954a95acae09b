// One tools/call, first half, as pure decisions (no host calls): from the client's request and the
// tool's arguments to a plan — refused (an isError result), answered without a backend (a tool with
// no url), waiting for an OAuth2 token, or ready (the backend request and the secrets to scrub from
// whatever comes back). The filter (plugin/filter.ts) only moves bytes according to the plan.
import { PluginConfig, SecurityScheme, Tool } from "../config/types";
import { BackendRequest, Header } from "../rest/request";
import { BuildResult, buildRequest, buildRequestNode } from "../rest/build";
import { Utf8Source } from "../rest/textout";
import { JNode } from "../util/jsonview";
import { failureResult } from "../rest/response";
import { applyAuth, applyBearer, forwardedClientHeaders } from "../auth/auth";
import { TemplateEnv } from "../template/template";
import { modernResult } from "../mcp/modern";

/** Nothing goes to the backend: `resultJson` is an isError result (outcome refused_input / refused_auth / backend_error). */
export const PLAN_REFUSED: i32 = 0;
/** Nothing goes to the backend: the tool has no url and `resultJson` is its responseTemplate result. */
export const PLAN_ANSWERED: i32 = 1;
/** An OAuth2 token is needed first (token* fields); then applyToken or refuseToken. */
export const PLAN_NEEDS_TOKEN: i32 = 2;
/** `req` goes to the backend; completeCall maps its response. */
export const PLAN_READY: i32 = 3;

/** What one tools/call does, and everything its completion needs. */
export class CallPlan {
  kind: i32 = PLAN_REFUSED;
  cfg: PluginConfig;
  tool: Tool;
  /** the request is served in the modern era (2026-07-28): results carry resultType and _meta */
  modern: bool;
  /** clock, randomness and client IP for templates (request and response side) */
  env: TemplateEnv;
  /** metric outcome of a local answer: "ok" (answered), "refused_input", "refused_auth", "backend_error" */
  outcome: string = "";
  /** machine reason of a refusal (auth reasons are counted by name) */
  reason: string = "";
  /** response_code_details of a local answer */
  details: string = "";
  /** CallToolResult of a local answer, already in the request's era */
  resultJson: string = "";
  /** the backend request (needs-token and ready) */
  req: BackendRequest = new BackendRequest();
  /** every credential value involved in this call: scrubbed from the result */
  secrets: string[] = [];
  tokenScheme: SecurityScheme | null = null;
  /** clientId:clientSecret for the token endpoint */
  tokenCredential: string = "";
  /** token exchange: the client's token */
  subjectToken: string = "";
  tokenScopes: string = "";

  constructor(cfg: PluginConfig, tool: Tool, modern: bool, env: TemplateEnv) {
    this.cfg = cfg;
    this.tool = tool;
    this.modern = modern;
    this.env = env;
  }
}

/** A CallToolResult as the plan's era wants it (modern: resultType and _meta.serverInfo). */
export function eraResult(plan: CallPlan, resultJson: string): string {
  return plan.modern ? modernResult(plan.cfg, resultJson) : resultJson;
}

/** Turn `plan` into a refusal with isError `text` (never a credential); nothing reaches the backend. */
export function refuseCall(plan: CallPlan, outcome: string, reason: string, text: string): CallPlan {
  plan.kind = PLAN_REFUSED;
  plan.outcome = outcome;
  plan.reason = reason;
  plan.details = "mcp.tools_call." + outcome;
  plan.resultJson = eraResult(plan, failureResult(text));
  return plan;
}

/**
 * Plan a tools/call of `tool` with the raw JSON text of params.arguments ("" = none): build the
 * backend request (rest/), forwarding allow-listed client headers, then apply backend auth last (auth/).
 */
export function planCall(
  cfg: PluginConfig, tool: Tool, clientHeaders: Header[], clientPath: string, argumentsJson: string, modern: bool, env: TemplateEnv,
): CallPlan {
  const plan = new CallPlan(cfg, tool, modern, env);
  return planBuilt(plan, buildRequest(cfg, tool, argumentsJson, forwardedClientHeaders(cfg, tool, clientHeaders), env), clientHeaders, clientPath);
}

/**
 * planCall for params.arguments of a tools/call that passed the envelope checks (mcp/dispatch toolsCall;
 * null = absent): the arguments are not validated again, and with `source` (the client's body as text
 * and the UTF-8 bytes it was decoded from) a JSON argument body is built from those bytes (rest/build.ts).
 */
export function planCallNode(
  cfg: PluginConfig, tool: Tool, clientHeaders: Header[], clientPath: string, args: JNode | null, source: Utf8Source | null,
  modern: bool, env: TemplateEnv,
): CallPlan {
  const plan = new CallPlan(cfg, tool, modern, env);
  const b = buildRequestNode(cfg, tool, args, source, forwardedClientHeaders(cfg, tool, clientHeaders), env);
  return planBuilt(plan, b, clientHeaders, clientPath);
}

/** The rest of planning once the backend request is built: template-only answer, or backend auth. */
function planBuilt(plan: CallPlan, b: BuildResult, clientHeaders: Header[], clientPath: string): CallPlan {
  const cfg = plan.cfg;
  const tool = plan.tool;
  if (!b.ok) return refuseCall(plan, "refused_input", b.reason, b.error);
  if (b.templateOnly) {
    plan.kind = PLAN_ANSWERED;
    plan.outcome = "ok";
    plan.details = "mcp.tools_call.template";
    plan.resultJson = eraResult(plan, b.resultJson);
    return plan;
  }
  plan.req = b.req;
  const a = applyAuth(cfg, tool, clientHeaders, clientPath, b.req);
  plan.secrets = a.secrets;
  if (!a.ok) return refuseCall(plan, "refused_auth", a.reason, a.error);
  if (a.needsToken && a.scheme !== null) {
    plan.kind = PLAN_NEEDS_TOKEN;
    plan.tokenScheme = a.scheme;
    plan.tokenCredential = a.tokenCredential;
    plan.subjectToken = a.subjectToken;
    plan.tokenScopes = a.tokenScopes;
    return plan;
  }
  plan.kind = PLAN_READY;
  return plan;
}

/** The OAuth2 token arrived: Bearer on the request (ready), or a refusal when it cannot be sent. */
export function applyToken(plan: CallPlan, token: string): CallPlan {
  if (plan.kind != PLAN_NEEDS_TOKEN) return plan;
  plan.secrets.push(token);
  const err = applyBearer(plan.req, token);
  if (err.length > 0) return refuseCall(plan, "refused_auth", "invalid_credential", err);
  plan.kind = PLAN_READY;
  return plan;
}

/** No OAuth2 token could be obtained (`error` never contains one): refuse. */
export function refuseToken(plan: CallPlan, error: string): CallPlan {
  if (plan.kind != PLAN_NEEDS_TOKEN) return plan;
  return refuseCall(plan, "refused_auth", "token_unavailable", error);
}
