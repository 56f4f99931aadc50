// The local web chat: a small Direct Line 3.0 client (polling), no library, no CDN.
(() => {
  'use strict';
  const api = '/v3/directline';
  const log = document.getElementById('log');
  const choices = document.getElementById('choices');
  const form = document.getElementById('send');
  const input = document.getElementById('text');
  const status = document.getElementById('status');

  // Which session this tab resumes: ?user=<id>, else one kept by this browser. Who is chatting is the
  // server's answer (session.userId): with a secret set, the browser's identity cookie decides, not this.
  const params = new URLSearchParams(location.search);
  const userId = params.get('user') || localStorage.getItem('p2p.user') || ('u-' + crypto.getRandomValues(new Uint32Array(2)).join(''));
  if (!params.get('user')) localStorage.setItem('p2p.user', userId);
  const sessionKey = 'p2p.session.' + userId;

  // Back from the counsellor's sign-in (?connexion=ok|refusee|echec): who this browser is may have changed.
  const signInMessages = {
    refusee: "Ce compte n'est pas dans la liste des conseillères et conseillers du bot.",
    echec: "La connexion n'a pas abouti. Réessayez dans un instant.",
  };
  const connexion = params.get('connexion');
  // A poster's join link (?groupe=CODE): the code is sent once as "/rejoindre CODE", then dropped from the address.
  const joinCode = (params.get('groupe') || '').replace(/[^0-9A-Za-z -]/g, '').slice(0, 12);
  if (params.has('groupe')) history.replaceState(null, '', location.pathname + (params.get('user') ? '?user=' + encodeURIComponent(params.get('user')) : ''));
  if (connexion !== null) {
    sessionStorage.clear();
    history.replaceState(null, '', location.pathname);
  }

  let session = JSON.parse(sessionStorage.getItem(sessionKey) || 'null');
  let watermark = '';
  let polling = false;

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method,
      headers: { 'Authorization': 'Bearer ' + session.token, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 || response.status === 403 || response.status === 404) throw new Error('session');
    if (!response.ok) throw new Error('http ' + response.status);
    return response.json();
  }

  async function startSession() {
    const response = await fetch('/webchat/token?user=' + encodeURIComponent(userId), { method: 'POST' });
    if (!response.ok) throw new Error('token');
    session = await response.json();
    await call('POST', '/conversations', {});
    sessionStorage.setItem(sessionKey, JSON.stringify(session));
    log.replaceChildren();
    watermark = '';
    showAccount();
  }

  // The header says who is signed in: a counsellor can sign out, a pupil can say "ce n'est pas moi".
  function showAccount() {
    const counsellor = session && session.counsellor;
    document.getElementById('who').textContent = counsellor ? 'Connecté·e : ' + counsellor : '';
    document.getElementById('not-me').hidden = !!counsellor;
    document.getElementById('sign-out').hidden = !counsellor;
    document.getElementById('sign-in').hidden = !!counsellor || !(session && session.signIn);
  }

  document.getElementById('sign-out').addEventListener('click', async () => {
    await fetch('/webchat/signout', { method: 'POST' });
    sessionStorage.clear();
    location.href = location.pathname;
  });

  // On a shared computer: this browser forgets who it was, and the next person starts afresh.
  document.getElementById('not-me').addEventListener('click', async () => {
    await fetch('/webchat/forget', { method: 'POST' });
    localStorage.removeItem('p2p.user');
    sessionStorage.clear();
    location.href = location.pathname;
  });

  async function poll() {
    if (polling) return;
    polling = true;
    try {
      for (;;) {
        const page = await call('GET', '/conversations/' + session.conversationId + '/activities?watermark=' + watermark);
        page.activities.forEach(render);
        const more = page.watermark !== watermark && page.activities.length > 0;
        watermark = page.watermark;
        if (!more) break;
      }
      status.textContent = '';
    } catch (e) {
      if (e.message === 'session') {
        const wasCounsellor = session && session.counsellor;
        await startSession();
        if (wasCounsellor && !session.counsellor) status.textContent = 'Votre session de conseillère a pris fin. Reconnectez-vous pour continuer.';
      } else { status.textContent = 'Connexion perdue, nouvel essai…'; }
    } finally {
      polling = false;
    }
  }

  async function send(activity) {
    activity.type = 'message';
    activity.from = { id: session.userId || userId, role: 'user' }; // the server says who this browser is
    activity.locale = 'fr-FR';
    activity.channelData = { clientActivityID: 'c-' + Date.now() + '-' + Math.random().toString(36).slice(2) };
    choices.replaceChildren();
    input.focus(); // the buttons just clicked are gone: keep keyboard users in the conversation
    try {
      await call('POST', '/conversations/' + session.conversationId + '/activities', activity);
      status.textContent = '';
    } catch (e) {
      status.textContent = "Ton message n'est pas parti. Vérifie la connexion et renvoie-le.";
    }
    await poll();
  }

  // A tiny Markdown subset: **bold**, links, line breaks. Everything else is text.
  function formatted(text) {
    const fragment = document.createDocumentFragment();
    const pattern = /\*\*(.+?)\*\*|(https?:\/\/[^\s<>"]+)/g;
    let last = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      fragment.append(text.slice(last, match.index));
      if (match[1] !== undefined) { const b = document.createElement('strong'); b.textContent = match[1]; fragment.append(b); }
      else { const a = document.createElement('a'); a.href = match[2]; a.textContent = match[2]; a.target = '_blank'; a.rel = 'noopener'; fragment.append(a); }
      last = pattern.lastIndex;
    }
    fragment.append(text.slice(last));
    return fragment;
  }

  function render(activity) {
    if (activity.type !== 'message') return;
    const mine = activity.from && activity.from.role === 'user';
    const bubble = document.createElement('div');
    bubble.className = 'msg ' + (mine ? 'user' : 'bot');
    if (activity.text) bubble.append(formatted(activity.text));
    (activity.attachments || []).forEach(a => bubble.append(attachment(a)));
    log.append(bubble);
    bubble.scrollIntoView({ block: 'end' });
    choices.replaceChildren();
    if (!mine && activity.suggestedActions) activity.suggestedActions.actions.forEach(action => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = action.title;
      button.addEventListener('click', () => send({ text: action.text || action.title, value: action.value }));
      choices.append(button);
    });
  }

  function attachment(a) {
    if (a.contentType && a.contentType.startsWith('image/')) {
      const img = document.createElement('img');
      img.src = a.contentUrl; img.alt = a.name || 'image';
      // A chart (its alt text begins "Graphique", Bot.Dialogs/Charts/ChartTexts.cs) takes the bubble's width to be read on a
      // phone; a QR code or a poster keeps its small size.
      if (img.alt.startsWith('Graphique')) img.classList.add('wide');
      return img;
    }
    if (a.contentType === 'application/vnd.microsoft.card.adaptive') return card(a.content);
    if (a.contentType === 'application/vnd.microsoft.card.hero') {
      const div = document.createElement('div');
      div.className = 'card-buttons';
      (a.content.buttons || []).forEach(b => {
        if (b.type === 'openUrl') {
          // A link card: its title is the link's text, so a screen reader says where it leads.
          const link = document.createElement('a');
          link.href = b.value; link.textContent = a.content.title || b.title; link.target = '_blank'; link.rel = 'noopener';
          div.append(link);
        } else {
          // Buttons that stay with their message (one per request to decide, for instance).
          const button = document.createElement('button');
          button.type = 'button'; button.textContent = b.title;
          button.addEventListener('click', () => send({ text: b.text || b.title, value: b.value }));
          div.append(button);
        }
      });
      return div;
    }
    const link = document.createElement('a');
    link.href = a.contentUrl; link.download = a.name || 'fichier'; link.textContent = '📎 ' + (a.name || 'fichier');
    return link;
  }

  // The Adaptive Card subset our forms use: TextBlock, Input.Text/Date/ChoiceSet, Action.Submit.
  function card(content) {
    const f = document.createElement('form');
    f.className = 'card';
    content.body.forEach(item => {
      if (item.type === 'TextBlock') { const h = document.createElement('h2'); h.textContent = item.text; f.append(h); return; }
      const label = document.createElement('label');
      label.append(item.label || item.id);
      let field;
      if (item.type === 'Input.ChoiceSet') {
        field = document.createElement('select');
        field.append(new Option('—', ''));
        item.choices.forEach(c => field.append(new Option(c.title, c.value)));
      } else if (item.type === 'Input.Date') {
        field = document.createElement('input'); field.type = 'date';
      } else {
        field = document.createElement(item.isMultiline ? 'textarea' : 'input');
        if (item.maxLength) field.maxLength = item.maxLength;
      }
      field.name = item.id;
      if (item.value) field.value = item.value;
      if (item.isRequired) field.required = true;
      label.append(field);
      f.append(label);
    });
    const submit = (content.actions || []).find(a => a.type === 'Action.Submit');
    if (submit) {
      const button = document.createElement('button');
      button.type = 'submit'; button.textContent = submit.title;
      f.append(button);
      f.addEventListener('submit', event => {
        event.preventDefault();
        const value = Object.assign({}, submit.data);
        new FormData(f).forEach((v, k) => { value[k] = v; });
        f.querySelectorAll('input, textarea, select, button').forEach(el => { el.disabled = true; });
        send({ value });
      });
    }
    return f;
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ text });
  });
  input.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });

  (async () => {
    try {
      if (!session) await startSession(); else showAccount();
      if (signInMessages[connexion]) status.textContent = signInMessages[connexion];
      await poll();
      if (joinCode) await send({ text: '/rejoindre ' + joinCode });
      setInterval(poll, 1000);
      setInterval(async () => {
        try { const fresh = await call('POST', '/tokens/refresh'); session.token = fresh.token; sessionStorage.setItem(sessionKey, JSON.stringify(session)); } catch (e) { /* the next poll starts afresh */ }
      }, 15 * 60 * 1000);
      input.focus();
    } catch (e) {
      status.textContent = "Le chat ne répond pas. Vérifie que le bot est démarré, puis recharge la page.";
    }
  })();
})();
