import { defineConfig } from "vite";

export default defineConfig({
  server: { proxy: { "/api": { target: "http://127.0.0.1:8000", ws: true } } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      // TanStack Query marks its modules "use client" (for React Server Components): irrelevant here.
      onwarn(warning, warn) {
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  test: { include: ["src/**/*.test.ts"] },
});
