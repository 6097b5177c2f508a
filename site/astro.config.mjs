// @ts-check
import { defineConfig } from "astro/config";

/**
 * Static pages served as Workers assets. Nothing is inlined into the HTML: the
 * pages ship under a CSP of `script-src 'self'; style-src 'self'`, so every
 * script and stylesheet must be a file under /_astro/.
 */
export default defineConfig({
  output: "static",
  outDir: "./dist",
  trailingSlash: "always",
  // "preserve" keeps en/404.astro as en/404.html, where Workers assets look for a 404 page.
  build: { format: "preserve", inlineStylesheets: "never" },
  devToolbar: { enabled: false },
  vite: {
    // Astro inlines script chunks smaller than this limit as <script> tags; 0 keeps every one a file.
    build: { assetsInlineLimit: 0 },
  },
});
