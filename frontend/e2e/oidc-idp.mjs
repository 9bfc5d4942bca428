// The test OpenID provider for the Chromium journey, as its own process (oidc-provider is ESM-only;
// the e2e project runs as CommonJS). Mirrors backend/test/support/oidc-provider.ts: one
// confidential client, accounts from argv, and a login page with a form.
// argv: <backend dir> <json: { redirectUris, postLogoutRedirectUris, accounts, clientId, clientSecret }>
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [backendDir, json] = process.argv.slice(2);
const options = JSON.parse(json);
const { default: Provider } = await import(
  pathToFileURL(join(backendDir, 'node_modules/oidc-provider/lib/index.js')).href
);

const probe = createServer();
await new Promise((r) => probe.listen(0, '127.0.0.1', r));
const port = probe.address().port;
await new Promise((r) => probe.close(r));
const issuer = `http://localhost:${port}`;
const accounts = new Map(options.accounts.map((a) => [a.sub, a]));
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'e2e', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      redirect_uris: options.redirectUris,
      post_logout_redirect_uris: options.postLogoutRedirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: ['e2e-cookie-key-0123456789'] },
  claims: {
    openid: ['sub', 'amr', 'acr', 'auth_time'],
    email: ['email', 'email_verified'],
    profile: ['given_name', 'family_name', 'name'],
    groups: ['groups'],
  },
  scopes: ['openid', 'email', 'profile', 'groups'],
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  loadExistingGrant: async (ctx) => {
    const accountId = ctx.oidc.session?.accountId;
    if (!accountId || !ctx.oidc.client) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
  findAccount: (_ctx, id) => {
    const a = accounts.get(id);
    if (!a) return undefined;
    return {
      accountId: id,
      claims: () => ({
        sub: a.sub,
        email: a.email,
        email_verified: true,
        given_name: a.givenName,
        family_name: a.familyName,
        name: `${a.givenName} ${a.familyName}`,
        groups: a.groups ?? [],
      }),
    };
  },
});

const handler = provider.callback();
createServer((req, res) => {
  (async () => {
    const url = new URL(req.url ?? '/', issuer);
    const m = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (!m) return handler(req, res);
    await provider.interactionDetails(req, res);
    if (req.method === 'POST' && m[2]) {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const login = new URLSearchParams(Buffer.concat(chunks).toString()).get('login') ?? '';
      const a = accounts.get(login);
      if (!a) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('unknown account');
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: login, amr: a.amr ?? ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html><head><title>Test IdP</title></head><body><h1>Test IdP sign-in</h1>` +
        `<form method="post" action="/interaction/${m[1]}/login">` +
        `<label>Login <input name="login" id="login" autocomplete="off"></label>` +
        `<button type="submit" id="idp-submit">Sign in</button></form></body></html>`,
    );
  })().catch((error) => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
  });
}).listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
