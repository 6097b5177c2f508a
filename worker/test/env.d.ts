import type { Secrets } from "../src/env";

declare global {
  namespace Cloudflare {
    interface Env extends Secrets {
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    }
  }
}
