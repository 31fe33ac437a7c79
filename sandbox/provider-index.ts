// The sandbox's providers' index, served over loopback HTTP like AgID's: its gestori, their
// signing certificates and their domains, so PecDesk's real download path runs in tests and demos.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { certificateDer, providerAddress, providerIndexLdif, type PecProvider } from './provider';

/** A running index server. */
export interface IndexServer {
  url: string;
  ldif: string;
  close(): Promise<void>;
}

/** The LDIF of the sandbox providers: Alfa's certificate as `;binary::`, Beta's as plain `::`. */
export function sandboxIndexLdif(providers: PecProvider[]): string {
  return providerIndexLdif(
    providers.map((p, i) => ({
      name: p.name,
      certificatesDer: [certificateDer(p.signer.cert)],
      managedDomains: [p.domain],
      mailReceipt: providerAddress(p),
      certificateAttribute: i % 2 === 0 ? 'binary' : 'plain',
    })),
    { comment: 'Indice dei gestori PEC della sandbox di PecDesk' },
  );
}

/** Serves the index at http://127.0.0.1:PORT/indice-gestori-pec.ldif. */
export async function serveProviderIndex(providers: PecProvider[], port = 0): Promise<IndexServer> {
  const ldif = sandboxIndexLdif(providers);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/indice-gestori-pec.ldif') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(ldif) }).end(ldif);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/indice-gestori-pec.ldif`,
    ldif,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
