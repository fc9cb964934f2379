// A real OpenID Provider (npm oidc-provider, a certified implementation) for Parley's tests.
// Started by tests/Parley.Tests/Fixtures/OidcProvider.cs with the path of a JSON config:
//   { port, issuer, cookieKey, clients: [...], keys: [private JWKs], accounts: { id: { password, claims } },
//     idTokenClaims: bool }
// The login page is a plain HTML form (login + password) that both HttpClient tests and Chromium
// can fill in; consent is granted automatically for the requested scopes.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const accounts = config.accounts;

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: { keys: config.keys },
  cookies: { keys: [config.cookieKey] },
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'picture'],
    groups: ['groups'],
  },
  // false: scope claims go into the ID token too; true (the default): only into userinfo.
  conformIdTokenClaims: !config.idTokenClaims,
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) {
      return undefined;
    }
    return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
  },
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, message) {
  return `<!doctype html><html><head><title>Test OpenID Provider: sign in</title></head><body>
<h1>Sign in to the test provider</h1>
${message ? `<p id="error">${escape(message)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Login <input name="login" id="login" autocomplete="username"></label>
<label>Password <input name="password" id="password" type="password" autocomplete="current-password"></label>
<button type="submit" id="submit">Sign in</button>
</form></body></html>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) {
    res.statusCode = 400;
    res.end('interaction mismatch');
    return;
  }
  const { prompt, params, session } = details;
  if (action === 'login' && req.method === 'POST') {
    const form = await readForm(req);
    const account = accounts[form.get('login')];
    if (!account || account.password !== form.get('password')) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(loginPage(uid, 'Wrong login or password.'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: form.get('login') } }, { mergeWithLastSubmission: false });
    return;
  }
  if (prompt.name === 'login') {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(loginPage(uid));
    return;
  }
  if (prompt.name === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) {
      grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    }
    if (prompt.details.missingOIDCClaims) {
      grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  res.statusCode = 400;
  res.end(`unexpected prompt ${prompt.name}`);
}

const oidc = provider.callback();
const server = createServer(async (req, res) => {
  const path = new URL(req.url, config.issuer).pathname;
  console.log(`request ${req.method} ${path}`);
  const match = /^\/interaction\/([^/]+)(?:\/(login))?$/.exec(path);
  if (!match) {
    oidc(req, res);
    return;
  }
  try {
    await interaction(req, res, match[1], match[2]);
  } catch (error) {
    console.error(`interaction failed: ${error.message}`);
    if (!res.headersSent) {
      res.statusCode = 500;
    }
    res.end('interaction failed');
  }
});

provider.on('server_error', (ctx, error) => console.error(`server_error: ${error.message}`));
server.listen(config.port, '127.0.0.1', () => console.log(`oidc-provider listening on ${config.issuer}`));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
