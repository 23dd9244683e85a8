import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the double does with one request. */
export type Reply =
  { status: number; body?: string; headers?: Record<string, string> } | 'proxy' | 'reset' | 'stall';

export interface HttpDouble {
  url: string;
  requests: RecordedRequest[];
  /** Replies for the next requests, in order; when empty, `fallback` answers. */
  queue: Reply[];
  fallback: Reply;
  close(): Promise<void>;
}

/**
 * A small HTTP server standing between an adapter and AWS (or instead of it): records every request,
 * then proxies it to `upstream`, answers with a canned status, resets the connection or never answers.
 */
export async function startHttpDouble(
  options: { upstream?: string; fallback?: Reply } = {},
): Promise<HttpDouble> {
  const sockets = new Set<Socket>();
  const double: Omit<HttpDouble, 'url' | 'close'> = {
    requests: [],
    queue: [],
    fallback: options.fallback ?? (options.upstream ? 'proxy' : { status: 500, body: 'no reply configured' }),
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      double.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const reply = double.queue.shift() ?? double.fallback;
      if (reply === 'stall') return;
      if (reply === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      if (reply === 'proxy') {
        if (!options.upstream) throw new Error('no upstream to proxy to');
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (
            typeof value === 'string' &&
            name !== 'host' &&
            name !== 'content-length' &&
            name !== 'connection'
          ) {
            headers.set(name, value);
          }
        }
        const upstream = await fetch(new URL(req.url ?? '/', options.upstream), {
          method: req.method ?? 'GET',
          headers,
          ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
        });
        const text = await upstream.text();
        res.writeHead(upstream.status, {
          'content-type': upstream.headers.get('content-type') ?? 'text/plain',
        });
        res.end(text);
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'text/xml', ...reply.headers });
      res.end(reply.body ?? '');
    })().catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(double, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

type Fault = 'Sender' | 'Receiver';

/** An error answer in the query-protocol XML that STS and IAM share, under the service's namespace. */
function queryError(xmlns: string, code: string, message: string, type: Fault): string {
  return `<ErrorResponse xmlns="${xmlns}">
  <Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error>
  <RequestId>00000000-0000-0000-0000-000000000000</RequestId>
</ErrorResponse>`;
}

export function stsError(code: string, message: string, type: Fault = 'Sender'): string {
  return queryError('https://sts.amazonaws.com/doc/2011-06-15/', code, message, type);
}

export function iamError(code: string, message: string, type: Fault = 'Sender'): string {
  return queryError('https://iam.amazonaws.com/doc/2010-05-08/', code, message, type);
}

export interface FakeAssumeRole {
  accessKeyId?: string | null;
  secretAccessKey?: string | null;
  sessionToken?: string | null;
  expiration?: string | null;
  arn?: string | null;
  assumedRoleId?: string | null;
  credentials?: boolean;
  assumedRoleUser?: boolean;
}

/** An AssumeRole answer in STS's query-protocol XML; `null` leaves an element out. */
export function assumeRoleXml(fake: FakeAssumeRole = {}): string {
  const el = (name: string, value: string | null | undefined, fallback: string): string =>
    value === null ? '' : `<${name}>${value ?? fallback}</${name}>`;
  const group = (name: string, included: boolean | undefined, ...children: string[]): string =>
    included === false ? '' : `<${name}>${children.join('')}</${name}>`;
  const credentials = group(
    'Credentials',
    fake.credentials,
    el('AccessKeyId', fake.accessKeyId, 'ASIAFAKEFAKEFAKEFAKE'),
    el('SecretAccessKey', fake.secretAccessKey, 'fake-secret-access-key'),
    el('SessionToken', fake.sessionToken, 'fake-session-token'),
    el('Expiration', fake.expiration, new Date(Date.now() + 3_600_000).toISOString()),
  );
  const user = group(
    'AssumedRoleUser',
    fake.assumedRoleUser,
    el('Arn', fake.arn, 'arn:aws:sts::123456789012:assumed-role/fake/session'),
    el('AssumedRoleId', fake.assumedRoleId, 'AROAFAKE:session'),
  );
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    ${credentials}
    ${user}
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>
</AssumeRoleResponse>`;
}
