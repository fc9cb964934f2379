import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The chat app. `base: './'` keeps every asset URL relative, because the server mounts the app
// at any path ("/", "/support/") and tells the page where through an injected <base href>.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    // The UI is served from embedded resources; source maps would only bloat the assembly.
    sourcemap: false,
    // Inlining small assets would produce data: URLs, which the server's CSP does not allow for scripts.
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
