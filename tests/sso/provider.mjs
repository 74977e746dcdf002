// A real OpenID provider for the single sign-on tests: panva's oidc-provider (the
// certified Node.js implementation), on 127.0.0.1 at the port it is given.
//
//   node provider.mjs <port> <redirect uri> <client id> <client secret>
//
// One confidential client (client_secret_basic, the authorization-code flow with PKCE),
// an in-memory account store, and the library's development login form
// (devInteractions: any password; the login names an account below). It prints
// "listening <issuer>" once it answers.
import Provider from "oidc-provider";

const [port, redirectUri, clientId, clientSecret] = process.argv.slice(2);
if (!port || !redirectUri || !clientId || !clientSecret) {
  console.error("usage: node provider.mjs <port> <redirect uri> <client id> <client secret>");
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

// The login (what the form asks) is the account id and the ID token's sub.
const ACCOUNTS = {
  "anna": { email: "anna@acme.test", email_verified: true, name: "Anna de Vries",
            groups: ["staff", "tandem-owners"] },
  "bram": { email: "Bram@ACME.test", email_verified: true, name: "Bram Jansen",
            groups: ["tandem-viewers"] },
  "carla": { email: "carla@acme.test", email_verified: true, name: "Carla Smit",
             groups: ["staff"] },
  "dirk": { email: "dirk@acme.test", email_verified: false, name: "Dirk Bakker",
            groups: ["tandem-owners"] },
  "eve": { email: "eve@elsewhere.test", email_verified: true, name: "Eve Elsewhere",
           groups: ["tandem-owners"] },
  "frank": { email: "frank@acme.test", email_verified: true, name: "Frank Visser",
             groups: "tandem-facilitators" },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  }],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name"],
    groups: ["groups"],
  },
  scopes: ["openid", "email", "profile", "groups"],
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...account }; } };
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ["tandem-sso-tests-only"] },
  // Quiet about what only matters in production (its own keys, TTLs, adapters).
  renderError(ctx, out) {
    ctx.type = "html";
    ctx.body = `<!doctype html><title>error</title><pre>${JSON.stringify(out)}</pre>`;
  },
});

provider.listen(Number(port), "127.0.0.1", () => {
  console.log(`listening ${issuer}`);
});
