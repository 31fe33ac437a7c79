// A network line between a client and a server that both run on loopback: a TCP proxy whose bytes,
// each way, wait a one-way delay and flow no faster than the line's bandwidth, as between an
// office and its PEC provider. Loopback has neither, so a client's own CPU time shows there in
// full; over a line it overlaps the transfer. Used by the sync bench to show both.
// The line runs in a process of its own (startLineProcess): on the measured client's thread, every
// synchronous commit of the store would stop the line too, as no real network does.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';

export interface LineSpeed {
  /** Bandwidth each way, in bits per second. */
  bitsPerSecond: number;
  /** Round-trip time in milliseconds (half of it each way). */
  roundTripMs: number;
}

export interface Line {
  /** The loopback port to connect to instead of the server's. */
  port: number;
  close(): Promise<void>;
}

// Reading stops while this many bytes are on the line, as a socket's buffers would fill.
const IN_FLIGHT_MAX = 4 * 1024 * 1024;

/** A line to `port` on 127.0.0.1 with the given speed, carried by a child process. */
export async function startLineProcess(port: number, speed: LineSpeed): Promise<Line> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, String(port), String(speed.bitsPerSecond), String(speed.roundTripMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then(() => reject(new Error('the line process ended before carrying anything')));
  });
  return {
    port: (JSON.parse(first) as { port: number }).port,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Starts a line to `port` on 127.0.0.1 with the given speed, in this process. */
export async function startLine(port: number, speed: LineSpeed): Promise<Line> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    carry(client, upstream, speed);
    carry(upstream, client, speed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Carries what `from` sends to `to`, in order: each chunk leaves once the line is free for its bytes, and arrives a one-way delay later. */
function carry(from: net.Socket, to: net.Socket, speed: LineSpeed): void {
  const bytesPerMs = speed.bitsPerSecond / 8 / 1000;
  const delayMs = speed.roundTripMs / 2;
  // One timer for the head of a FIFO, so chunks can never overtake one another.
  const queue: { at: number; chunk: Buffer | null }[] = [];
  let lineFreeAt = 0;
  let inFlight = 0;
  let timer: NodeJS.Timeout | null = null;
  const deliver = () => {
    timer = null;
    const now = performance.now();
    while (queue.length > 0 && queue[0].at <= now) {
      const { chunk } = queue.shift()!;
      if (chunk === null) {
        to.end();
        return;
      }
      inFlight -= chunk.length;
      to.write(chunk);
    }
    if (inFlight < IN_FLIGHT_MAX && from.isPaused()) from.resume();
    if (queue.length > 0) timer = setTimeout(deliver, queue[0].at - now);
  };
  const send = (chunk: Buffer | null) => {
    const now = performance.now();
    lineFreeAt = Math.max(lineFreeAt, now) + (chunk?.length ?? 0) / bytesPerMs;
    queue.push({ at: lineFreeAt + delayMs, chunk });
    if (timer === null) timer = setTimeout(deliver, queue[0].at - now);
  };
  from.on('data', (chunk: Buffer) => {
    inFlight += chunk.length;
    if (inFlight >= IN_FLIGHT_MAX) from.pause();
    send(chunk);
  });
  from.on('end', () => send(null));
  from.on('close', () => {
    if (timer !== null && queue.length === 0) clearTimeout(timer);
  });
}

// As a process: `link.ts <server port> <bits per second> <round trip ms>` prints {"port":…} once it listens; SIGTERM ends it.
if (require.main === module) {
  const [port, bitsPerSecond, roundTripMs] = process.argv.slice(2).map(Number);
  void startLine(port, { bitsPerSecond, roundTripMs }).then((line) => {
    process.stdout.write(`${JSON.stringify({ port: line.port })}\n`);
    process.once('SIGTERM', () => void line.close().finally(() => process.exit(0)));
  });
}
