/**
 * A small load generator: N clients on keep-alive connections to 127.0.0.1, a bounded number of requests,
 * a latency per request. node:http rather than fetch, so the client costs less CPU next to the server on a
 * small machine.
 */
import http from 'node:http';

export interface Response {
  status: number;
  body: string;
}

export class Client {
  private readonly agent: http.Agent;

  constructor(private readonly base: URL, sockets: number, private readonly token: string) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.base.hostname, port: this.base.port, method, path, agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.setTimeout(60_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface Measurement {
  name: string;
  clients: number;
  requests: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Runs `requests` calls of `call(i)` from `clients` concurrent loops, after `warmup` calls that are not timed.
 * A call answering another status than `expect` counts as an error (and is still timed).
 */
export async function measure(
  name: string,
  opts: { clients: number; requests: number; warmup?: number; expect: number },
  call: (i: number) => Promise<Response>,
): Promise<Measurement> {
  for (let i = 0; i < (opts.warmup ?? 0); i++) await call(-1 - i);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let next = 0;
  const started = performance.now();
  const loop = async () => {
    while (next < opts.requests) {
      const i = next++;
      const t0 = performance.now();
      let res: Response;
      try {
        res = await call(i);
      } catch (err) {
        res = { status: 0, body: err instanceof Error ? err.message : String(err) };
      }
      latencies.push(performance.now() - t0);
      if (res.status !== opts.expect) {
        errors++;
        firstError ??= `${res.status}: ${res.body.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, loop));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    clients: opts.clients,
    requests: opts.requests,
    errors,
    firstError,
    seconds,
    perSecond: opts.requests / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
  };
}
