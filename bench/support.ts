/** What the HTTP benchmarks share: signing in as a demo user and keeping the cookies a browser would send. */
export async function login(base: string, username: string, password = 'Fupin@2017'): Promise<string> {
  const csrf =
    (await fetch(`${base}/api/auth/csrf`)).headers
      .getSetCookie()
      .find((c) => c.startsWith('fupin_csrf='))
      ?.split(';')[0] ?? '';
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: csrf, 'x-csrf-token': csrf.split('=')[1] ?? '' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const session =
    r.headers
      .getSetCookie()
      .find((c) => c.startsWith('fupin_session='))
      ?.split(';')[0] ?? '';
  return `${csrf}; ${session}`;
}

/** Waits until the server answers its health check. */
export async function waitForServer(base: string, attempts = 600) {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    if (i > attempts) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
}
