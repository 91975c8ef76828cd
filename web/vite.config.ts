import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressDir } from '../src/server/precompress';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist', import.meta.url));

/** Brotli and gzip copies of the built files, sent by the server to browsers that accept them. */
const precompress = (): Plugin => ({
  name: 'fupin-precompress',
  apply: 'build',
  async closeBundle() {
    const r = await precompressDir(outDir);
    const kb = (n: number) => `${Math.round(n / 1024)} kB`;
    console.log(`precompressed ${r.files} files: ${kb(r.raw)} → br ${kb(r.br)}, gz ${kb(r.gz)}`);
  },
});

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Two apps from one build: the admin app and the field app (/field/, a separate small bundle, decision 0014).
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        field: fileURLToPath(new URL('./field/index.html', import.meta.url)),
      },
      output: {
        // Name the big shared vendor chunks after what they hold; pages stay one chunk each (React.lazy),
        // and echarts is only reachable from the lazily loaded chart.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/,
            },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.FUPIN_API ?? 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: process.env.FUPIN_API ?? 'http://localhost:3000', changeOrigin: false },
    },
  },
});
