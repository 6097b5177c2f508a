import { defineConfig } from "drizzle-kit";

// Only `generate` is used: wrangler applies the SQL, never `drizzle-kit push`.
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/src/db/schema/index.ts",
  out: "./migrations",
});
