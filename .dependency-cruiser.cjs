/**
 * Import rules of ARCHITECTURE.md, checked by `npm run check` (npx depcruise src web/src).
 * Type-only imports (`import type`) count like any other (tsPreCompilationDeps), and test files
 * follow the rules of the folder they sit in.
 */

/** Node built-ins that reach the outside world: files, network, processes, threads. */
const IO_BUILTINS =
  "^(node:)?(fs|fs/promises|net|http|https|http2|child_process|worker_threads|cluster|dgram|dns|dns/promises|tls)$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-imports-only-core",
      comment:
        "src/core is the pure domain: it imports only src/core and npm packages (zod, wink-sentiment), " +
        "never store, api, adapters, contracts, usecases, ingest, cli, config, demo, web, test or bench.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { pathNot: ["^src/core/", "(^|/)node_modules/"], dependencyTypesNot: ["core"] },
    },
    {
      name: "core-no-io-builtins",
      comment:
        "src/core does no I/O: no Node built-in that touches files, the network, processes or threads " +
        "(node:crypto and other pure built-ins are fine). Readers live in usecases, ingest or store.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { dependencyTypes: ["core"], path: IO_BUILTINS },
    },
    {
      name: "entry-points-use-usecases-not-store",
      comment:
        "API routes and CLI commands are thin: they call use cases in src/usecases, never src/store directly.",
      severity: "error",
      from: { path: "^src/(api/routes|cli/commands)/" },
      to: { path: "^src/store/" },
    },
    {
      name: "store-imports-no-upper-layer",
      comment:
        "src/store is the only SQL and sits below everything but core: it imports no api, cli, usecases, " +
        "adapters or contracts (domain types come from src/core).",
      severity: "error",
      from: { path: "^src/store/" },
      to: { path: "^src/(api|cli|usecases|adapters|contracts)/" },
    },
    {
      name: "no-circular",
      comment: "No import cycles in src.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "web-imports-only-contract-types",
      comment:
        "The dashboard talks only to the API: from src it imports only src/contracts, and only with `import type`.",
      severity: "error",
      from: { path: "^web/" },
      to: { path: "^(src|test|bench)/", pathNot: "^src/contracts/" },
    },
    {
      name: "web-contract-imports-are-type-only",
      comment: "`import type` from src/contracts keeps zod and the server code out of the dashboard bundle.",
      severity: "error",
      from: { path: "^web/" },
      to: { path: "^src/contracts/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every import resolves (a typo or a moved file without its importers updated).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts", ".json"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
