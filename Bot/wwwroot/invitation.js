// A counsellor's invitation: the code is in the link's fragment (never sent to a server log), posted once.
(async () => {
  'use strict';
  const status = document.getElementById('status');
  const code = location.hash.slice(1);
  history.replaceState(null, '', location.pathname); // the code leaves the address bar
  try {
    const response = await fetch('/webchat/invite', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }),
    });
    const body = await response.json();
    if (!response.ok) { status.textContent = body.error ? body.error.message : 'Cette invitation ne fonctionne pas.'; return; }
    localStorage.removeItem('p2p.user');
    sessionStorage.clear();
    status.textContent = 'Bienvenue ' + body.name + ' : ce navigateur est maintenant celui de la conseillère. Ouverture du chat…';
    setTimeout(() => { location.href = '/'; }, 1500);
  } catch (e) {
    status.textContent = 'Le bot ne répond pas. Réessayez dans un instant.';
  }
})();
