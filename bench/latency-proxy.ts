/**
 * A TCP proxy that adds network latency in front of a local server: every chunk the client sends
 * reaches the server `latencyMs` later (order kept), so each HTTP request — and each round trip of
 * a TLS handshake — pays one delay, as a far-away API would make it. Works for http and https
 * alike (it never looks inside the bytes). Answers flow back at once: one delay per round trip.
 */
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

export interface LatencyProxy {
  /** `host:port` to connect to instead of the server's. */
  port: number;
  close(): Promise<void>;
}

export async function startLatencyProxy(targetPort: number, latencyMs: number): Promise<LatencyProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    sockets.add(client);
    sockets.add(upstream);
    // Chunks leave in arrival order, each `latencyMs` after it arrived.
    let last = 0;
    client.on('data', (chunk: Buffer) => {
      const due = Math.max(Date.now() + latencyMs, last);
      last = due;
      setTimeout(() => { if (!upstream.destroyed) upstream.write(chunk); }, due - Date.now());
    });
    client.on('end', () => setTimeout(() => upstream.end(), Math.max(0, last - Date.now())));
    upstream.pipe(client);
    const done = (): void => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('error', done);
    upstream.on('error', done);
    client.on('close', done);
    upstream.on('close', done);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
