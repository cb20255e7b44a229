import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // `@lockstep/shared` resolves to its TypeScript sources here, to dist/ under plain Node (stack.md).
  resolve: { conditions: ['@lockstep/source', ...defaultClientConditions] },
  // main.tsx awaits the i18n set-up at the top level.
  build: { target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
