// Drives Microsoft's Web Chat (botframework-webchat, polling Direct Line), then our own chat page,
// against the running bot in headless Chromium, through the whole /jai-partagé journey.
// Exits non-zero on any failure; leaves screenshots beside this file.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const bot = process.env.BOT_URL || 'http://localhost:5000';
const port = Number(process.env.PAGE_PORT || 5100);
const bundle = fs.readFileSync(path.join(here, 'node_modules/botframework-webchat/dist/webchat.js'));
const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><script src="/webchat.js"></script></head>
<body style="margin:0"><div id="webchat" style="height:100vh"></div><script>
(async () => {
  const res = await fetch('${bot}/webchat/token?user=webchat-check', { method: 'POST' });
  const { token } = await res.json();
  window.WebChat.renderWebChat({
    directLine: window.WebChat.createDirectLine({ domain: '${bot}/v3/directline', token, webSocket: false }),
    userID: 'webchat-check', locale: 'fr-FR',
  }, document.getElementById('webchat'));
})();
</script></body></html>`;

const server = http.createServer((req, res) => {
  if (req.url === '/webchat.js') { res.writeHead(200, { 'Content-Type': 'text/javascript' }); res.end(bundle); return; }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }); res.end(page);
}).listen(port, '127.0.0.1');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// The same journey, whichever chat draws it.
async function journey(tab, name) {
  const box = tab.getByRole('textbox').first();
  await box.waitFor({ timeout: 15000 });
  const send = async text => { await box.fill(text); await box.press('Enter'); };
  // Web Chat also keeps hidden copies of messages for screen readers: look at the visible ones.
  const see = text => tab.getByText(text, { exact: false }).filter({ visible: true }).last().waitFor({ timeout: 15000 });
  const click = label => tab.getByRole('button', { name: label }).last().click();

  // The chat connects (POST /conversations, first poll) before its send box sends anything.
  await tab.waitForTimeout(2000);
  await send('/jai-partagé');
  // Web Chat's Markdown turns ' into a typographic apostrophe: match either.
  await see(/C.était quelle séance/);
  await click(/^Vendredi/);
  await see('partagé avec le groupe');
  await send('Comment monter une vidéo');
  await see('appris avec les autres');
  await send('Faire un podcast');
  await see('dans quel domaine');
  await click('Compétences numériques');
  await see('où en es-tu');
  await click('3 · Je sais faire');
  await see('Voici ta séance');
  await see(/vendredi \d{1,2}(er)? \S+ \d{4}/);
  await tab.screenshot({ path: path.join(here, `${name}-recap.png`) });
  await click(/Oui, j.enregistre/);
  await see(/C.est enregistré/);
  if (await tab.getByText(/Send failed|Échec de l.envoi|Impossible d.envoyer/i).count() > 0) throw new Error('a message shows as not sent');
  await tab.screenshot({ path: path.join(here, `${name}-saved.png`) });

  // Again, all at once through the form (an Adaptive Card in Web Chat, our own card on the page).
  await send('/jai-partagé');
  await click(/Tout remplir/);
  await tab.waitForTimeout(1500);
  await tab.screenshot({ path: path.join(here, `${name}-card.png`) });
  await tab.getByLabel(/Ce que j.ai partagé/).last().fill('Un atelier vinyle');
  await tab.getByLabel(/Ce que j.ai appris/).last().fill('La découpeuse');
  await tab.getByLabel('Domaine').last().selectOption({ label: 'Autre' });
  await tab.getByLabel('Mon niveau').last().selectOption({ label: '2 · Je progresse' });
  await tab.screenshot({ path: path.join(here, `${name}-form.png`) });
  await click('Valider');
  await see('Un atelier vinyle');
  await see(/Ton niveau :\*?\*? 2/);
  await click(/Oui, j.enregistre/);
  await tab.getByText(/C.est enregistré/).filter({ visible: true }).nth(1).waitFor({ timeout: 15000 });
}

let failed = false;
for (const [name, url] of [['webchat', `http://127.0.0.1:${port}/`], ['page', `${bot}/?user=page-check`]]) {
  const tab = await browser.newPage({ viewport: { width: 480, height: 900 } });
  // CAPTURE=<folder>: keep what Web Chat really posts, as fixtures for the mapper tests.
  if (process.env.CAPTURE && name === 'webchat') {
    let n = 0;
    tab.on('request', r => {
      if (r.method() === 'POST' && r.url().endsWith('/activities')) fs.writeFileSync(path.join(process.env.CAPTURE, `webchat-post-${++n}.json`), r.postData());
    });
  }
  tab.on('console', m => { if (process.env.DEBUG && m.type() !== 'log') console.error(`[${name} console] ${m.text()}`); });
  try {
    await tab.goto(url);
    await journey(tab, name);
    console.log(`${name}: /jai-partagé journey ok`);
  } catch (e) {
    failed = true;
    console.error(`${name}: journey failed:`, e.message);
  } finally {
    await tab.close();
  }
}
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
