// A real OpenID provider (the certified `oidc-provider` package) for tests: one confidential test
// client, test accounts with email, groups and amr, a tiny login page, and a hook that re-signs the
// ID token with the provider's own key and changed claims (to prove the RP checks aud and iss).
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importJWK, SignJWT, decodeProtectedHeader, decodeJwt } from 'jose';
import Provider from 'oidc-provider';

export interface TestAccount {
  sub: string;
  email: string;
  emailVerified?: boolean;
  givenName?: string;
  familyName?: string;
  groups?: string[];
  /** What the login says about how the user authenticated, e.g. ['pwd'] or ['pwd', 'otp']. */
  amr?: string[];
  acr?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Set: the login page signs this account in at once (no form). */
  autoLogin: string | null;
  /** Set: the next token response's ID token is re-signed with these claims changed. */
  tamperIdToken: Record<string, unknown> | null;
  /** End-session requests seen (id_token_hint present). */
  logouts: number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

export async function startOidcProvider(options: {
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  accounts: TestAccount[];
  clientId?: string;
  clientSecret?: string;
}): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://localhost:${port}`;
  const clientId = options.clientId ?? 'calltimex-test';
  const clientSecret = options.clientSecret ?? 'test-client-secret-0123456789abcdef';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kty: 'RSA',
    kid: 'test-key',
    alg: 'RS256',
    use: 'sig',
  };
  const signingKey = await importJWK(jwk, 'RS256');

  const state: TestOidcProvider = {
    issuer,
    clientId,
    clientSecret,
    accounts: new Map(options.accounts.map((a) => [a.sub, a])),
    autoLogin: null,
    tamperIdToken: null,
    logouts: 0,
    close: () => Promise.resolve(),
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    claims: {
      // amr and acr go into the ID token, as Entra ID does and Keycloak can be set to.
      openid: ['sub', 'amr', 'acr', 'auth_time'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'name'],
      groups: ['groups'],
    },
    scopes: ['openid', 'email', 'profile', 'groups'],
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = `<!doctype html><html><body>${form}<script>document.forms[0].submit()</script></body></html>`;
          return Promise.resolve();
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // First-party client: no consent screen.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
    findAccount: (_ctx, id) => {
      const a = state.accounts.get(id);
      if (!a) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: a.sub,
          email: a.email,
          email_verified: a.emailVerified ?? true,
          given_name: a.givenName ?? 'Test',
          family_name: a.familyName ?? 'User',
          name: `${a.givenName ?? 'Test'} ${a.familyName ?? 'User'}`,
          groups: a.groups ?? [],
        }),
      };
    },
  });

  async function login(req: IncomingMessage, res: ServerResponse, accountId: string) {
    const a = state.accounts.get(accountId);
    if (!a) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('unknown account');
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId, amr: a.amr ?? ['pwd'], ...(a.acr ? { acr: a.acr } : {}) } },
      { mergeWithLastSubmission: false },
    );
  }

  const handler = provider.callback();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      const m = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
      if (m) {
        await provider.interactionDetails(req, res);
        if (req.method === 'POST' && m[2]) {
          const body = new URLSearchParams(await readBody(req));
          await login(req, res, body.get('login') ?? '');
          return;
        }
        if (state.autoLogin) {
          await login(req, res, state.autoLogin);
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          `<!doctype html><html><body><h1>Test IdP sign-in</h1>` +
            `<form method="post" action="/interaction/${m[1]}/login">` +
            `<label>Login <input name="login" id="login" autocomplete="off"></label>` +
            `<button type="submit" id="idp-submit">Sign in</button></form></body></html>`,
        );
        return;
      }
      if (url.pathname === '/session/end' && url.searchParams.has('id_token_hint')) {
        state.logouts += 1;
      }
      if (url.pathname === '/token' && state.tamperIdToken) {
        const changes = state.tamperIdToken;
        state.tamperIdToken = null;
        const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
        res.end = ((chunk?: unknown) => {
          void (async () => {
            const body = JSON.parse(String(chunk)) as { id_token?: string };
            if (body.id_token) {
              const header = decodeProtectedHeader(body.id_token);
              const claims = { ...decodeJwt(body.id_token), ...changes };
              body.id_token = await new SignJWT(claims)
                .setProtectedHeader({ alg: header.alg ?? 'RS256', kid: header.kid, typ: 'JWT' })
                .sign(signingKey);
            }
            const text = JSON.stringify(body);
            res.setHeader('content-length', Buffer.byteLength(text));
            end(text);
          })();
          return res;
        }) as typeof res.end;
      }
      handler(req, res);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  state.close = () => new Promise<void>((r) => server.close(() => r()));
  return state;
}

/** A minimal cookie-keeping HTTP client that follows redirects by hand, like a browser would. */
export class BrowserLike {
  private readonly jars = new Map<string, Map<string, string>>();

  cookies(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) {
      jar = new Map();
      this.jars.set(origin, jar);
    }
    return jar;
  }

  async request(
    url: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const target = new URL(url);
    const jar = this.cookies(target.host);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(target, {
      method: init.method ?? 'GET',
      body: init.body,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...(init.headers ?? {}) },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /^\s*max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a),
      );
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects until `stopAt` says so (or a non-redirect answer); returns the last answer. */
  async follow(
    url: string,
    stopAt: (url: URL) => boolean = () => false,
    maxHops = 20,
  ): Promise<{ url: URL; response: Response }> {
    let current = new URL(url);
    for (let hop = 0; hop < maxHops; hop++) {
      if (hop > 0 && stopAt(current)) return { url: current, response: new Response(null) };
      const response = await this.request(current.href);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { url: current, response };
      }
      await response.arrayBuffer();
      current = new URL(location, current);
    }
    throw new Error('too many redirects');
  }
}
