// What every stream filter of the VM shares, owned by the root context and handed to each filter
// when it is created (so no stream code reaches back into the root): the accepted configuration,
// metrics and the OAuth2 token broker.
import { RootConfig } from "../config/types";
import { Metrics } from "./metrics";
import { TokenBroker } from "./oauth";

/** Configuration, metrics and the OAuth2 token broker, shared by every stream of the VM. */
export class Services {
  /** the last accepted configuration (null before the first) */
  config: RootConfig | null = null;
  metrics: Metrics = new Metrics();
  tokens: TokenBroker = new TokenBroker();
}
