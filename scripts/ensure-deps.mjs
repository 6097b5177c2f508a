// @ts-check
// Runs on whatever Node the machine has (Node 20 is enough): installs the
// locked dependencies, Node 22 included, when node_modules is missing or older
// than package-lock.json. Every later npm script then runs on Node 22.
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const lock = "package-lock.json";
const marker = "node_modules/.package-lock.json";
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
const node22 = existsSync("node_modules/node/bin/node") || existsSync("node_modules/.bin/node");

if (stale || !node22) {
  console.log(
    "Installing the locked dependencies, Node 22 among them (npm ci, about a minute the first time).\n" +
      "Every later step runs on that Node 22, whatever Node this machine has.",
  );
  // npm on an older Node warns about every package that wants Node 22
  // (EBADENGINE); those warnings are expected here, so only errors are shown.
  execSync("npm ci --no-audit --no-fund --loglevel=error", { stdio: "inherit" });
  console.log("Dependencies installed.");
}
