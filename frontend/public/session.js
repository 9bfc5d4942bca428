// Starts restoring the session (refresh cookie → access token → the user) while the console's
// scripts download, instead of after they have run; Auth.restore() takes the answer. A deferred
// classic script: it runs before the console's module scripts, so the console never sends a
// refresh of its own beside this one (each refresh rotates the cookie). Same requests, headers and
// cross-tab lock as Auth.restore(); external, so script-src stays 'self'.
(function () {
  'use strict';
  if (!/(?:^|;\s*)ctx_session=/.test(document.cookie)) return;
  function json(res) {
    if (!res.ok) throw new Error(String(res.status));
    return res.json();
  }
  function refresh() {
    return fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    }).then(json);
  }
  var locks = navigator.locks;
  window.ctxSessionRestore = (locks ? locks.request('ctx.refresh', refresh) : refresh())
    .then(function (tokens) {
      return fetch('/api/v1/me', {
        headers: { Authorization: 'Bearer ' + tokens.accessToken },
        credentials: 'same-origin',
      })
        .then(json)
        .then(function (user) {
          return { accessToken: tokens.accessToken, user: user };
        });
    })
    .catch(function () {
      return null;
    });
})();
