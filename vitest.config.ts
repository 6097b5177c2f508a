import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Tests run inside workerd with the real wrangler bindings (D1, R2) and the
// real migrations; only the secrets are fixed test values.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            CONTACT_KEY: "q1Yx2b5v7y9A0c3e6g8j1m4p7s0u3x6z9C2F5H8K0N4=",
            ALTCHA_HMAC_SECRET: "test-altcha-secret",
            IP_HASH_SALT: "test-ip-salt",
            ALTCHA_COST: "20",
            // Tests read their own writes; the cache test turns caching on for its requests.
            STATS_CACHE_SECONDS: "0",
            // E-mail lands in the D1 outbox that tests read; nothing is sent.
            DEV_OUTBOX: "1",
            PUBLIC_BASE_URL: "https://portal.test",
          },
          // Events go to a queue nobody consumes, so no delivery runs in the
          // background of another test: tests deliver them themselves through
          // the consumer (`worker/test/support/notifications.ts`).
          queueProducers: { NOTIFICATIONS: { queueName: "pakn-notify-tests" } },
        },
      }),
    ],
    test: {
      include: ["worker/test/**/*.test.ts"],
      // Generous limits: on a loaded 2-core machine a D1-heavy test or a file's
      // migrations can take longer than vitest's 5 s / 10 s defaults. No test
      // asserts on time; speed targets live in `npm run bench`.
      testTimeout: 30_000,
      hookTimeout: 60_000,
      setupFiles: ["./worker/test/setup/apply-migrations.ts", "./worker/test/setup/clock.ts"],
    },
  };
});
