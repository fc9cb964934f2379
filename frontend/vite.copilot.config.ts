import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';

/**
 * Escapes every non-ASCII character as \uXXXX. The widget is a classic script on someone else's
 * page, decoded with that page's charset (module scripts are always UTF-8, classic ones are not),
 * so "…" would show as "â€¦" on a page served as windows-1252.
 */
function asciiOnly(): Plugin {
  return {
    name: 'parley-ascii-only',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') {
          chunk.code = chunk.code.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
        }
      }
    },
  };
}

// The copilot widget: one self-contained script a host page loads with <script src>. Its CSS is
// imported as a string (`?inline`) and injected into the widget's Shadow DOM, so the bundle has
// no separate stylesheet and the host page's styles cannot leak in.
export default defineConfig({
  plugins: [react(), asciiOnly()],
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
