// Worker-thread entry of the analyzer pool (pool.ts starts it; esbuild bundles it as
// analyzer-worker.js beside the engine): analyzeWithText for every message it is sent.
import { analyzeWithText } from './analyze';
import { serveAnalyzer } from './pool-serve';

serveAnalyzer(analyzeWithText);
