// Starts restoring the session (refresh cookie → access token → /me) while Angular's chunks are
// still loading and running; Auth.restore() takes the promise over instead of asking again. Same
// rules as Auth: only with the ctx_session hint cookie, the refresh under the cross-tab lock, the
// CSRF header the server requires. A plain script (angular.json "scripts"), so it runs first.
(() => {
  if (!/(?:^|;\s*)ctx_session=/.test(document.cookie)) return;
  const json = (res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`)));
  const refresh = () =>
    fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF': '1' },
      body: '{}',
    }).then(json);
  const tokens = navigator.locks ? navigator.locks.request('ctx.refresh', refresh) : refresh();
  const session = tokens.then(({ accessToken }) =>
    fetch('/api/v1/me', { headers: { Authorization: `Bearer ${accessToken}` } })
      .then(json)
      .then((user) => ({ accessToken, user })),
  );
  // Unhandled until Angular takes it; a failure then means "signed out", as in Auth.restore().
  session.catch(() => undefined);
  globalThis.ctxSessionStart = session;
})();
