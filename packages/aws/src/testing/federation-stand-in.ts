import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

/**
 * A stand-in for the AWS sign-in federation endpoint (`https://signin.aws.amazon.com/federation`),
 * for tests and the demo. getSigninToken checks the Session JSON and SessionDuration the way AWS
 * documents them and asks STS (moto) who the credentials belong to; login shows where you landed
 * instead of redirecting to a console that is not there.
 *
 * Limitation: moto identifies a caller by access key id alone and ignores the secret key and session
 * token. So "real credentials" here means "an access key id that moto issued through AssumeRole (or
 * GetFederationToken)": keys moto never issued resolve to its default IAM user and are refused as
 * long-term credentials, but a right key id with a wrong secret is accepted.
 */
export interface FederationStandIn {
  /** The federation endpoint, e.g. http://127.0.0.1:PORT/federation. */
  url: string;
  /** Every request to /federation, in order: the Action and the raw SessionDuration (null when absent). */
  requests: Array<{ action: string; sessionDuration: string | null }>;
  close(): Promise<void>;
}

export interface FederationStandInOptions {
  /** STS endpoint that can resolve the session credentials, i.e. moto_server's URL. */
  stsEndpoint: string;
  port?: number;
  host?: string;
  /** How long a SigninToken stays usable; AWS's is 15 minutes. */
  tokenTtlMs?: number;
}

interface IssuedToken {
  arn: string;
  expiresAt: number;
  sessionDuration: number | null;
}

const SESSION_KEYS = ['sessionId', 'sessionKey', 'sessionToken'];
const MIN_SESSION_DURATION = 900;
const MAX_SESSION_DURATION = 43_200;
const DEFAULT_TOKEN_TTL_MS = 15 * 60_000;
const STS_TIMEOUT_MS = 5_000;

export async function startFederationStandIn(options: FederationStandInOptions): Promise<FederationStandIn> {
  const host = options.host ?? '127.0.0.1';
  const tokenTtlMs = options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
  const tokens = new Map<string, IssuedToken>();
  const requests: FederationStandIn['requests'] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, req, 500, 'The federation stand-in failed.');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname !== '/federation') return send(res, req, 404, 'Not found.');
    if (req.method !== 'GET') return send(res, req, 405, 'Only GET is supported.');
    const action = url.searchParams.get('Action') ?? '';
    requests.push({ action, sessionDuration: url.searchParams.get('SessionDuration') });
    const now = Date.now();
    for (const [token, issued] of tokens) if (issued.expiresAt <= now) tokens.delete(token);

    switch (action.toLowerCase()) {
      case 'getsignintoken':
        return getSigninToken(url.searchParams, req, res);
      case 'login':
        return login(url.searchParams, req, res);
      default:
        return send(res, req, 400, 'Unknown or missing Action: expected getSigninToken or login.');
    }
  }

  async function getSigninToken(
    params: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const session = parseSession(params.get('Session'));
    if (typeof session === 'string') return send(res, req, 400, session);
    const durationText = params.get('SessionDuration');
    let sessionDuration: number | null = null;
    if (durationText !== null) {
      if (!/^\d+$/.test(durationText))
        return send(res, req, 400, 'SessionDuration must be a whole number of seconds.');
      sessionDuration = Number(durationText);
      if (sessionDuration < MIN_SESSION_DURATION || sessionDuration > MAX_SESSION_DURATION) {
        return send(
          res,
          req,
          400,
          `SessionDuration must be from ${MIN_SESSION_DURATION} to ${MAX_SESSION_DURATION}.`,
        );
      }
    }

    const identity = await callerArn(options.stsEndpoint, session);
    if (identity.kind === 'unreachable')
      return send(res, req, 502, 'STS could not be reached to check the session.');
    if (identity.kind === 'rejected')
      return send(res, req, 403, 'The session credentials were not accepted by STS.');
    const arnKind = /^arn:[\w-]+:sts::\d{12}:(assumed-role|federated-user)\//.exec(identity.arn)?.[1];
    if (!arnKind) {
      return send(res, req, 403, 'Only temporary role or federation credentials can sign in to the console.');
    }
    if (arnKind === 'federated-user' && sessionDuration !== null) {
      return send(res, req, 400, 'SessionDuration is not supported with GetFederationToken credentials.');
    }

    const token = randomBytes(32).toString('base64url');
    tokens.set(token, { arn: identity.arn, expiresAt: Date.now() + tokenTtlMs, sessionDuration });
    sendJson(res, 200, { SigninToken: token });
  }

  function login(params: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
    const token = params.get('SigninToken') ?? '';
    const issued = tokens.get(token);
    // Single use: a token is gone once presented, whether or not the rest of the request is right.
    tokens.delete(token);
    if (!issued || issued.expiresAt <= Date.now()) {
      return send(res, req, 400, 'The SigninToken is invalid, expired or already used.');
    }
    const destination = params.get('Destination');
    if (!destination) return send(res, req, 400, 'Destination is required.');
    const issuer = params.get('Issuer');
    const landing = {
      signedInAs: issued.arn,
      destination,
      issuer,
      sessionDurationSeconds: issued.sessionDuration,
    };
    if (wantsJson(req)) return sendJson(res, 200, landing);
    sendHtml(
      res,
      200,
      'Signed in (federation stand-in)',
      `<h1>Signed in as <code id="signed-in-as">${escapeHtml(issued.arn)}</code></h1>
<dl>
<dt>Destination</dt><dd id="destination">${escapeHtml(destination)}</dd>
<dt>Issuer</dt><dd id="issuer">${escapeHtml(issuer ?? '(none)')}</dd>
<dt>Console session</dt><dd id="session-duration">${
        issued.sessionDuration === null ? 'AWS default (1 hour)' : `${issued.sessionDuration} seconds`
      }</dd>
</dl>
<p>This is the Gatehouse federation stand-in; a real sign-in would now open the AWS console.</p>`,
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${hostInUrl}:${port}/federation`,
    requests,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

interface SessionCredentials {
  sessionId: string;
  sessionKey: string;
  sessionToken: string;
}

/** The credentials, or why the Session parameter is refused. */
function parseSession(raw: string | null): SessionCredentials | string {
  if (raw === null) return 'Session is required.';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return 'Session must be JSON.';
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'Session must be a JSON object.';
  const keys = Object.keys(parsed).sort();
  if (keys.length !== SESSION_KEYS.length || !SESSION_KEYS.every((k, i) => keys[i] === k)) {
    return 'Session must have exactly the keys sessionId, sessionKey and sessionToken.';
  }
  const session = parsed as Record<string, unknown>;
  const { sessionId, sessionKey, sessionToken } = session;
  if (typeof sessionId !== 'string' || typeof sessionKey !== 'string' || typeof sessionToken !== 'string') {
    return 'Session values must be strings.';
  }
  if (!sessionId || !sessionKey || !sessionToken) return 'Session values must not be empty.';
  return { sessionId, sessionKey, sessionToken };
}

type CallerArn = { kind: 'ok'; arn: string } | { kind: 'rejected' } | { kind: 'unreachable' };

async function callerArn(stsEndpoint: string, session: SessionCredentials): Promise<CallerArn> {
  const client = new STSClient({
    endpoint: stsEndpoint,
    region: 'us-east-1',
    credentials: {
      accessKeyId: session.sessionId,
      secretAccessKey: session.sessionKey,
      sessionToken: session.sessionToken,
    },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: STS_TIMEOUT_MS, throwOnRequestTimeout: true },
  });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), {
      abortSignal: AbortSignal.timeout(STS_TIMEOUT_MS),
    });
    return out.Arn ? { kind: 'ok', arn: out.Arn } : { kind: 'rejected' };
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return status !== undefined && status >= 400 && status < 500
      ? { kind: 'rejected' }
      : { kind: 'unreachable' };
  } finally {
    client.destroy();
  }
}

function wantsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('application/json');
}

function send(res: ServerResponse, req: IncomingMessage, status: number, message: string): void {
  if (wantsJson(req)) return sendJson(res, status, { error: message });
  sendHtml(
    res,
    status,
    'Federation stand-in',
    `<h1>${status === 400 ? 'Bad request' : 'Error'}</h1>
<p id="error">${escapeHtml(message)}</p>`,
  );
}

function commonHeaders(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  commonHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, title: string, body: string): void {
  commonHeaders(res);
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
${body}
</body>
</html>
`);
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
