// Builds the Node side with esbuild (CLI, Electron main, preload) into dist/.
// The renderer is built by vite (`vite build`), see vite.config.mts.
// Dependencies stay external: native better-sqlite3 must load from node_modules.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, packages: 'external', logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: { 'cli/pecdesk': 'src/main/cli/index.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { 'app/main': 'src/main/app/main.ts' }, outdir: 'dist', external: ['electron'] }),
  // The engine (services and API) runs in a utility process the main process forks by this name.
  build({ ...common, entryPoints: { 'app/engine': 'src/main/engine/engine-entry.ts' }, outdir: 'dist' }),
  // Spreadsheet imports run in a worker thread so the app stays responsive; it loads this file by name.
  build({ ...common, entryPoints: { 'app/contacts-worker': 'src/main/contacts/worker.ts', 'cli/contacts-worker': 'src/main/contacts/worker.ts' }, outdir: 'dist' }),
  // The database check at start runs in a worker thread so the window opens before it ends; loaded by name too.
  build({ ...common, entryPoints: { 'app/store-check-worker': 'src/main/store/check-worker.ts', 'cli/store-check-worker': 'src/main/store/check-worker.ts' }, outdir: 'dist' }),
  // Sync classifies fetched mail on worker threads (src/main/pec/pool.ts), which load this file by name beside the engine.
  build({ ...common, entryPoints: { 'app/analyzer-worker': 'src/main/pec/pool-worker.ts', 'cli/analyzer-worker': 'src/main/pec/pool-worker.ts' }, outdir: 'dist' }),
  // Sandboxed preloads must be a single CommonJS file with no require of our own modules.
  build({ ...common, packages: undefined, external: ['electron'], entryPoints: { 'preload/preload': 'src/preload/index.ts' }, outdir: 'dist' }),
]);
