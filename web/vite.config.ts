import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Build: `npx vite build --config web/vite.config.ts` from the repository root; output in web/dist. */
export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    // `npx vite --config web/vite.config.ts` with the API on :3001 (`holdfast serve --port 3001`).
    proxy: { "/v1": "http://127.0.0.1:3001" },
  },
});
