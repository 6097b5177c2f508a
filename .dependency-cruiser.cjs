// The layering of the Worker and the site, checked by `npm run lint:deps`
// (part of `npm test`). Read a rule as "from → to is forbidden".
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle hides which part depends on which.",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "worker/src/domain/ holds pure rules: it may import only itself and the contracts.",
      from: { path: "^worker/src/domain/" },
      to: { pathNot: ["^worker/src/(domain|contracts)/"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "domain-imports-no-package",
      severity: "error",
      comment: "Pure rules run anywhere (Worker, seeds, site): no npm package, no Node or Workers API.",
      from: { path: "^worker/src/domain/" },
      to: { dependencyTypes: ["npm", "npm-dev", "core"] },
    },
    {
      name: "contracts-import-only-contracts",
      severity: "error",
      comment: "The contracts are shared with the site: zod and other contracts only.",
      from: { path: "^worker/src/contracts/" },
      to: { path: "^worker/src/", pathNot: "^worker/src/contracts/" },
    },
    {
      name: "db-is-data-access",
      severity: "error",
      comment: "worker/src/db/ reads and writes rows: it never imports the HTTP layer, texts, routes or services.",
      from: { path: "^worker/src/db/" },
      to: { path: "^worker/src/(http|i18n|routes|services|middleware|jobs)/" },
    },
    {
      name: "db-rows-are-pure",
      severity: "error",
      comment:
        "worker/src/db/rows/ builds the rows the services write, for the Worker and the seeds alike: no database access, no package, only the domain and contracts (the schema for its types).",
      from: { path: "^worker/src/db/rows/" },
      to: {
        pathNot: ["^worker/src/(domain|contracts|db/rows)/"],
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "services-below-routes",
      severity: "error",
      comment: "Services are called by routes and jobs, never the other way round.",
      from: { path: "^worker/src/(services|db|domain|lib|http|i18n)/" },
      to: { path: "^worker/src/(routes|jobs)/" },
    },
    {
      name: "lib-below-services",
      severity: "error",
      comment: "worker/src/lib/ holds technical helpers (crypto, ALTCHA...) that know nothing of use cases.",
      from: { path: "^worker/src/lib/" },
      to: { path: "^worker/src/(services|routes|http|middleware)/" },
    },
    {
      name: "site-uses-only-contracts-and-domain",
      severity: "error",
      comment: "The site shares the contracts and, on purpose, pure domain rules; nothing else of the Worker.",
      from: { path: "^site/" },
      to: { path: "^worker/", pathNot: ["^worker/src/(contracts|domain)/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^site/dist/", "^site/\\.astro/", "\\.d\\.ts$"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
    moduleSystems: ["es6", "cjs"],
  },
};
