import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Two main-process entries share one orchestrator: `index` is the Electron shell, `cli` is `skiff serve`
// (the same code in a plain Node process when no Electron runtime is present).
export default defineConfig({
  main: {
    build: {
      target: 'node20',
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          cli: resolve(__dirname, 'src-main/app/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    resolve: { alias: { '@shared': resolve(__dirname, 'src-main/shared') } },
    build: {
      minify: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
      },
    },
  },
});
