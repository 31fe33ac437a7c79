// The loop of an analyzer-pool thread (pool-worker.ts runs it with analyzeWithText): analyses each
// message it is sent, in the order sent, and posts one answer per message, so that when a message
// kills the thread the pool knows which one did. A message that throws is answered as crashed and
// the thread carries on.
import { parentPort } from 'node:worker_threads';
import { crashed, type PoolAnswer, type PooledAnalysis, type PoolRequest } from './pool-protocol';

/** Serves the pool on this worker thread with `analyze`. */
export function serveAnalyzer(analyze: (raw: Buffer) => Promise<PooledAnalysis>): void {
  const port = parentPort;
  if (!port) throw new Error('the analyzer runs on a worker thread started by the pool');
  port.on('message', (request: PoolRequest) => {
    // Structured clone hands a Buffer over as a plain Uint8Array: the same bytes, seen as a Buffer.
    const raw = Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength);
    let answer: Promise<PooledAnalysis>;
    try {
      answer = analyze(raw);
    } catch (err) {
      answer = Promise.resolve(crashed(err));
    }
    answer.then(
      (analyzed) => port.postMessage({ seq: request.seq, analyzed } satisfies PoolAnswer),
      (err: unknown) => port.postMessage({ seq: request.seq, analyzed: crashed(err) } satisfies PoolAnswer),
    );
  });
  port.postMessage('ready');
}
