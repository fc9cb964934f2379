import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The copilot widget: one self-contained script a host page loads with <script src>. Its CSS is
// imported as a string (`?inline`) and injected into the widget's Shadow DOM, so the bundle has
// no separate stylesheet and the host page's styles cannot leak in.
export default defineConfig({
  plugins: [react()],
  define: {
    // Library mode does not replace this, and React reads it to pick its production build.
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
  build: {
    outDir: 'dist/copilot',
    emptyOutDir: true,
    sourcemap: false,
    lib: {
      entry: 'src/copilot/main.tsx',
      name: 'ParleyCopilot',
      formats: ['iife'],
      fileName: () => 'index.js',
    },
  },
});
