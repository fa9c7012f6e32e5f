/**
 * A small reverse proxy for several replicas of one app: round robin over the upstreams, a replica that
 * refuses or drops a connection set aside for a moment and the request tried on the next — for reads,
 * for any request that never reached the replica, and for a POST that carries an Idempotency-Key (the
 * app answers a repeat with the first result); otherwise 502, so a client without a key decides itself.
 * Adds X-Forwarded-For/-Proto/-Host (set TRUST_PROXY_HOPS=1 on the apps behind it).
 *
 * Used by `npm start -- --replicas` (in the launcher's process) and, in compose, on its own:
 *   PROXY_LISTEN=0.0.0.0:3000 PROXY_UPSTREAMS=portal:3000 node dist/scripts/proxy.js
 * An upstream host that resolves to several addresses (a compose service with replicas) counts each.
 */
import { lookup } from 'node:dns/promises';
import { IncomingMessage, ServerResponse, createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';

/** Request bodies buffered for a retry at most (uploads are smaller). */
const MAX_BODY = 30 * 1024 * 1024;
/** How long a replica that failed is left out. */
const SET_ASIDE_MS = 1000;
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export interface Upstream {
  host: string;
  port: number;
}

export interface ProxyOptions {
  /** The upstreams now (called per request: replicas come and go). */
  upstreams: () => Upstream[] | Promise<Upstream[]>;
  /** Called when a replica fails (for the launcher's log). */
  onFailure?: (u: Upstream, err: Error) => void;
}

class UpstreamFailed extends Error {
  constructor(
    readonly reachedApp: boolean,
    readonly error: Error,
  ) {
    super(error.message);
  }
}

export function startProxy(port: number, host: string, opts: ProxyOptions): Promise<Server> {
  const setAside = new Map<string, number>();
  let next = 0;
  const key = (u: Upstream) => `${u.host}:${u.port}`;

  const forward = (u: Upstream, req: IncomingMessage, body: Buffer, res: ServerResponse) =>
    new Promise<void>((resolve, reject) => {
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined && !HOP_BY_HOP.has(k)) {
          headers[k] = v;
        }
      }
      const client = req.socket.remoteAddress ?? '';
      headers['x-forwarded-for'] = req.headers['x-forwarded-for']
        ? `${String(req.headers['x-forwarded-for'])}, ${client}`
        : client;
      headers['x-forwarded-proto'] = String(req.headers['x-forwarded-proto'] ?? 'http');
      headers['x-forwarded-host'] = String(req.headers.host ?? '');
      headers['content-length'] = String(body.length);
      let sent = false;
      const up = httpRequest(
        { host: u.host, port: u.port, method: req.method, path: req.url, headers, timeout: 120_000 },
        (upRes) => {
          const out: Record<string, string | string[]> = {};
          for (const [k, v] of Object.entries(upRes.headers)) {
            if (v !== undefined && !HOP_BY_HOP.has(k)) {
              out[k] = v;
            }
          }
          res.writeHead(upRes.statusCode ?? 502, out);
          upRes.pipe(res);
          upRes.on('end', () => resolve());
          upRes.on('error', (e) => {
            res.destroy(e);
            resolve();
          });
        },
      );
      up.on('error', (e) => reject(new UpstreamFailed(sent, e)));
      up.on('timeout', () => up.destroy(new Error('upstream timeout')));
      up.end(body, () => {
        sent = true;
      });
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) {
        res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ code: 'REQUEST.TOO_LARGE', message: '请求过大。' }));
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const replayable =
      ['GET', 'HEAD', 'OPTIONS'].includes(req.method ?? '') || req.headers['idempotency-key'] !== undefined;
    const all = await opts.upstreams();
    const now = Date.now();
    const healthy = all.filter((u) => (setAside.get(key(u)) ?? 0) <= now);
    const order = (healthy.length ? healthy : all).slice();
    const start = next++ % Math.max(order.length, 1);
    const tries = [...order.slice(start), ...order.slice(0, start)];
    for (const u of tries) {
      try {
        await forward(u, req, body, res);
        return;
      } catch (e) {
        const failure = e as UpstreamFailed;
        setAside.set(key(u), Date.now() + SET_ASIDE_MS);
        opts.onFailure?.(u, failure.error ?? failure);
        if (res.headersSent || (failure.reachedApp && !replayable)) {
          break;
        }
      }
    }
    if (!res.headersSent) {
      res.writeHead(502, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '1' });
      res.end(JSON.stringify({ code: 'SERVICE.UNAVAILABLE', message: '服务暂时不可用，请稍后再试。' }));
    } else {
      res.destroy();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(502);
      }
      res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** `host:port,host:port`; a host with several addresses (DNS) gives one upstream each. */
export async function resolveUpstreams(spec: string): Promise<Upstream[]> {
  const out: Upstream[] = [];
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = part.lastIndexOf(':');
    const host = part.slice(0, i);
    const port = Number(part.slice(i + 1));
    try {
      const addresses = await lookup(host, { all: true });
      out.push(...addresses.map((a) => ({ host: a.address, port })));
    } catch {
      out.push({ host, port });
    }
  }
  return out;
}

if (require.main === module) {
  const listen = process.env.PROXY_LISTEN ?? '0.0.0.0:3000';
  const spec = process.env.PROXY_UPSTREAMS ?? '';
  if (!spec) {
    process.stderr.write('PROXY_UPSTREAMS is required (host:port,host:port)\n');
    process.exit(64);
  }
  const i = listen.lastIndexOf(':');
  // The replicas' addresses, looked up again every two seconds (replicas come and go).
  let cached: { at: number; upstreams: Promise<Upstream[]> } | null = null;
  void startProxy(Number(listen.slice(i + 1)), listen.slice(0, i), {
    upstreams: () => {
      if (!cached || Date.now() - cached.at > 2000) {
        cached = { at: Date.now(), upstreams: resolveUpstreams(spec) };
      }
      return cached.upstreams;
    },
    onFailure: (u, e) => process.stdout.write(`proxy: ${u.host}:${u.port} failed (${e.message})\n`),
  }).then(() => process.stdout.write(`proxy on ${listen} → ${spec}\n`));
}
