import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * The browser snippet: one small IIFE with no framework, `window.Holdfast`, served at /sdk.js.
 * Built by `npm run build` (and so by `npm install`'s prepare) into web/sdk/dist.
 */
export default defineConfig({
  root,
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2020",
    lib: {
      entry: fileURLToPath(new URL("./sdk.ts", import.meta.url)),
      name: "Holdfast",
      formats: ["iife"],
      fileName: () => "sdk.js",
    },
  },
});
