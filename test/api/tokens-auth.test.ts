import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/security/secrets.js';
import { buildAgent, buildRequester, signIn, TEST_PASSWORD, type BuiltAgent } from '../support/factories.js';
import { startTestApp, TestClock, type TestApp } from '../support/harness.js';

const clock = new TestClock();
let t: TestApp;
let admin: BuiltAgent;
let agent: BuiltAgent;
let requesterId: string;

beforeAll(async () => {
  t = await startTestApp({ clock });
  admin = await buildAgent(t.deps, { role: 'admin' });
  agent = await buildAgent(t.deps, { role: 'agent' });
  requesterId = (await buildRequester(t.deps)).id;
});
afterAll(async () => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (method: Method, url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const login = (email: string, password: string) => call('POST', '/auth/login', {}, { email, password });
const audit = (action: string) =>
  t.db.query<{ actor_id: string | null; target_id: string | null; data: Record<string, unknown> }>(
    'SELECT actor_id, target_id, data FROM audit_log WHERE action = $1 ORDER BY seq',
    [action],
  );

describe('sign-in with a session cookie', () => {
  it('sets an HttpOnly SameSite session cookie and a readable CSRF cookie', async () => {
    const res = await login(agent.agent.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'relais_session');
    const csrf = res.cookies.find((c) => c.name === 'relais_csrf');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();
    expect(csrf?.value).toBe(res.json().csrf_token);
    // Only the hash of the cookie is stored.
    const stored = await t.db.query('SELECT 1 FROM sessions WHERE id = $1', [hashSecret(session!.value)]);
    expect(stored).toHaveLength(1);
    expect(await t.db.query('SELECT 1 FROM sessions WHERE id = $1', [session!.value])).toHaveLength(0);
  });

  it('requires the CSRF header on cookie-authenticated writes', async () => {
    const headers = await signIn(t.app, agent.agent.email);
    const { cookie } = headers;
    const body = { subject: 'Souris sans fil', requester_id: requesterId };
    const missing = await call('POST', '/tickets', { cookie: cookie! }, body);
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_FAILED');
    const wrong = await call('POST', '/tickets', { cookie: cookie!, 'x-csrf-token': 'forged' }, body);
    expect(wrong.json().error.code).toBe('CSRF_FAILED');
    expect((await call('POST', '/tickets', headers, body)).statusCode).toBe(201);
    // Reads need no CSRF token.
    expect((await call('GET', '/tickets', { cookie: cookie! })).statusCode).toBe(200);
  });

  it('logout ends the session', async () => {
    const headers = await signIn(t.app, agent.agent.email);
    expect((await call('POST', '/auth/logout', headers)).statusCode).toBe(204);
    const after = await call('GET', '/auth/me', headers);
    expect(after.statusCode).toBe(401);
    expect((await audit('auth.logout')).map((a) => a.actor_id)).toContain(agent.agent.id);
  });

  it('answers a wrong password with 401 and writes an audit row', async () => {
    const res = await login(agent.agent.email, 'pas le bon mot de passe');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(res.cookies.find((c) => c.name === 'relais_session')).toBeUndefined();
    const unknown = await login('personne@nulle.part', 'pas le bon mot de passe');
    expect(unknown.json().error).toEqual(res.json().error);
    const rows = await audit('auth.login_failed');
    expect(rows.map((r) => r.data.email)).toEqual(expect.arrayContaining([agent.agent.email, 'personne@nulle.part']));
  });

  it('locks an address for 15 minutes after 5 wrong passwords, even for the right one', async () => {
    const victim = await buildAgent(t.deps);
    for (let i = 0; i < 5; i++) expect((await login(victim.agent.email, `essai ${i} raté`)).statusCode).toBe(401);
    const locked = await login(victim.agent.email, TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
    expect((await audit('auth.login_throttled')).map((a) => a.data.email)).toContain(victim.agent.email);
    // Another address is not affected.
    expect((await login(admin.agent.email, TEST_PASSWORD)).statusCode).toBe(200);
    clock.advance(14 * 60_000);
    const still = await login(victim.agent.email, TEST_PASSWORD);
    expect(still.statusCode).toBe(429);
    expect(Number(still.headers['retry-after'])).toBe(60);
    clock.advance(60_000);
    expect((await login(victim.agent.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('signs requesters in through the same route', async () => {
    const requester = await buildRequester(t.deps);
    const res = await login(requester.email.toUpperCase(), TEST_PASSWORD);
    expect(res.json()).toMatchObject({ kind: 'requester', id: requester.id, role: null });
    const headers = await signIn(t.app, requester.email);
    const created = await call('POST', '/tickets', headers, { subject: 'Mon écran clignote' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ requester_id: requester.id, channel: 'portal' });
    const noPassword = await buildRequester(t.deps, { withPassword: false });
    expect((await login(noPassword.email, TEST_PASSWORD)).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, and the token works as Bearer within its scopes', async () => {
    const session = await signIn(t.app, agent.agent.email);
    const res = await call('POST', '/tokens', session, { name: 'Lecture seule', scopes: ['tickets:read'] });
    expect(res.statusCode).toBe(201);
    const issued = res.json();
    expect(issued.token).toMatch(/^rls_[A-Za-z0-9_-]{40,}$/);
    expect(issued).toMatchObject({ name: 'Lecture seule', scopes: ['tickets:read'], agent_id: agent.agent.id, active: true });
    expect(issued.token.startsWith(issued.prefix)).toBe(true);

    const row = await t.db.one<Record<string, unknown>>('SELECT * FROM api_tokens WHERE id = $1', [issued.id]);
    expect(row?.token_hash).toBe(hashSecret(issued.token));
    expect(Object.values(row!).some((v) => typeof v === 'string' && v.includes(issued.token.slice(12)))).toBe(false);
    const listed = await call('GET', '/tokens', session);
    expect(listed.json().data.map((x: { id: string }) => x.id)).toContain(issued.id);
    expect(listed.body).not.toContain(issued.token.slice(12));
    expect(listed.json().data[0]).not.toHaveProperty('token');

    expect((await call('GET', '/tickets', bearer(issued.token))).statusCode).toBe(200);
    const write = await call('POST', '/tickets', bearer(issued.token), { subject: 'x', requester_id: requesterId });
    expect(write.statusCode).toBe(403);
    expect((await call('GET', '/requesters', bearer(issued.token))).statusCode).toBe(403);
    // The token's last use is recorded.
    expect((await call('GET', '/tokens', session)).json().data.find((x: { id: string }) => x.id === issued.id).last_used_at).not.toBeNull();
    expect(await audit('token.issued')).toContainEqual({
      actor_id: agent.agent.id, target_id: issued.id, data: { name: 'Lecture seule', scopes: ['tickets:read'], expires_at: null },
    });
  });

  it('revokes: the token stops working at once, revoking again is harmless and audited once', async () => {
    const session = await signIn(t.app, agent.agent.email);
    const issued = (await call('POST', '/tokens', session, { name: 'Jetable', scopes: ['tickets:read', 'tickets:write'] })).json();
    expect((await call('GET', '/auth/me', bearer(issued.token))).statusCode).toBe(200);
    expect((await call('DELETE', `/tokens/${issued.id}`, session)).statusCode).toBe(204);
    const after = await call('GET', '/auth/me', bearer(issued.token));
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    expect((await call('DELETE', `/tokens/${issued.id}`, session)).statusCode).toBe(204);
    expect((await audit('token.revoked')).filter((a) => a.target_id === issued.id)).toHaveLength(1);
    const listed = (await call('GET', '/tokens', session)).json().data.find((x: { id: string }) => x.id === issued.id);
    expect(listed).toMatchObject({ active: false });
    expect(listed.revoked_at).not.toBeNull();
  });

  it('never grants more than the role, nor lets a narrower token mint tokens', async () => {
    const session = await signIn(t.app, agent.agent.email);
    const tooMuch = await call('POST', '/tokens', session, { name: 'x', scopes: ['tickets:read', 'admin'] });
    expect(tooMuch.statusCode).toBe(403);
    expect(tooMuch.json().error.details).toEqual([{ path: 'scopes', message: 'not allowed: admin' }]);
    expect((await call('POST', '/tokens', session, { name: 'x', scopes: ['root'] })).statusCode).toBe(400);
    expect((await call('POST', '/tokens', session, { name: 'x', scopes: [] })).statusCode).toBe(400);
    // The factory token of an agent carries every scope, but its role grants no admin: it cannot issue.
    expect((await call('POST', '/tokens', bearer(agent.token), { name: 'x', scopes: ['tickets:read'] })).statusCode).toBe(403);
    const byAdminToken = await call('POST', '/tokens', bearer(admin.token), { name: 'CI', scopes: ['inbound:email'] });
    expect(byAdminToken.statusCode).toBe(201);
  });

  it('expires tokens at expires_at', async () => {
    const session = await signIn(t.app, agent.agent.email);
    const past = await call('POST', '/tokens', session, { name: 'x', scopes: ['tickets:read'], expires_at: new Date(clock.now().getTime() - 1000).toISOString() });
    expect(past.statusCode).toBe(400);
    const expiresAt = new Date(clock.now().getTime() + 3600_000).toISOString();
    const issued = (await call('POST', '/tokens', session, { name: 'Une heure', scopes: ['tickets:read'], expires_at: expiresAt })).json();
    expect(issued.expires_at).toBe(expiresAt);
    expect((await call('GET', '/tickets', bearer(issued.token))).statusCode).toBe(200);
    clock.advance(3600_000);
    expect((await call('GET', '/tickets', bearer(issued.token))).statusCode).toBe(401);
  });

  it("keeps each agent's tokens to themself; admins list and revoke any", async () => {
    const owner = await signIn(t.app, agent.agent.email);
    const other = await buildAgent(t.deps);
    const issued = (await call('POST', '/tokens', owner, { name: 'À moi', scopes: ['tickets:read'] })).json();
    const stranger = await signIn(t.app, other.agent.email);
    const probe = await call('DELETE', `/tokens/${issued.id}`, stranger);
    expect(probe.statusCode).toBe(404);
    expect(probe.json().error.code).toBe('TOKEN_NOT_FOUND');
    expect((await call('GET', '/tokens', stranger)).json().data.map((x: { id: string }) => x.id)).not.toContain(issued.id);
    expect((await call('GET', '/tokens?all=true', stranger)).statusCode).toBe(403);
    const adminSession = await signIn(t.app, admin.agent.email);
    const all = await call('GET', '/tokens?all=true', adminSession);
    expect(all.json().data.map((x: { id: string }) => x.id)).toContain(issued.id);
    expect((await call('DELETE', `/tokens/${issued.id}`, adminSession)).statusCode).toBe(204);
    expect((await audit('token.revoked')).find((a) => a.target_id === issued.id)).toMatchObject({
      actor_id: admin.agent.id, data: { owner_id: agent.agent.id },
    });
    const requester = await buildRequester(t.deps);
    const requesterSession = await signIn(t.app, requester.email);
    expect((await call('POST', '/tokens', requesterSession, { name: 'x', scopes: ['tickets:read'] })).statusCode).toBe(403);
  });
});
