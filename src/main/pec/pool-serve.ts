// The loop of an analyzer-pool thread (pool-worker.ts runs it with analyzeWithText): analyses the
// messages it is sent, in the order sent, and posts their answers, one post per batch (a post per
// message cost as much as a tenth of the analysis), or at once after a request marked `flush`. A
// message that throws is answered as crashed and the thread carries on.
import { type MessagePort, parentPort } from 'node:worker_threads';
import { crashed, type PoolAnswer, type PooledAnalysis, type PoolRequest } from './pool-protocol';

/** Serves the pool on this worker thread with `analyze`. */
export function serveAnalyzer(analyze: (raw: Buffer) => Promise<PooledAnalysis>): void {
  const port = parentPort;
  if (!port) throw new Error('the analyzer runs on a worker thread started by the pool');
  // Batches are answered in the order they came, one after the other.
  let queue = Promise.resolve();
  port.on('message', (batch: PoolRequest[]) => {
    queue = queue.then(() => answerBatch(port, batch, analyze));
  });
  port.postMessage('ready');
}

async function answerBatch(port: MessagePort, batch: PoolRequest[], analyze: (raw: Buffer) => Promise<PooledAnalysis>): Promise<void> {
  let answers: PoolAnswer[] = [];
  for (const request of batch) {
    // Structured clone hands a Buffer over as a plain Uint8Array: the same bytes, seen as a Buffer.
    const raw = Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength);
    let analyzed: PooledAnalysis;
    try {
      analyzed = await analyze(raw);
    } catch (err) {
      analyzed = crashed(err);
    }
    answers.push({ seq: request.seq, analyzed });
    if (request.flush) {
      port.postMessage(answers);
      answers = [];
    }
  }
  if (answers.length > 0) port.postMessage(answers);
}
