import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Two entry points, so the requester portal's first load carries none of the agent console.
 * `npm run dev:web` proxies the API and the WebSocket to a Relais server on port 3000.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
    // bench/web.ts reads it to measure each entry's initial load.
    manifest: true,
    rollupOptions: {
      input: { console: here('console.html'), portal: here('portal.html') },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
