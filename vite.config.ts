import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { PAGES, WEB_DIST } from './server/http/page-paths.ts';

// One HTML entry per page that exists; the server maps the pages' public paths onto them (page-paths.ts).
const input = Object.fromEntries(
  PAGES.filter((p) => existsSync(resolve(import.meta.dirname, p.file))).map((p) => [p.file.replace(/\.html$/, ''), resolve(import.meta.dirname, p.file)]),
);

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  build: {
    outDir: WEB_DIST,
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input },
  },
});
