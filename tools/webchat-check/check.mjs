// Drives Microsoft's Web Chat (botframework-webchat, polling Direct Line) and our own chat page
// against the running bot in headless Chromium, through the journeys a pupil makes.
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
  const user = new URLSearchParams(location.search).get('user') || 'webchat-check';
  const res = await fetch('${bot}/webchat/token?user=' + encodeURIComponent(user), { method: 'POST' });
  const { token } = await res.json();
  window.WebChat.renderWebChat({
    directLine: window.WebChat.createDirectLine({ domain: '${bot}/v3/directline', token, webSocket: false }),
    userID: user, locale: 'fr-FR',
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
// What a person does in a chat, whichever chat draws it.
function chat(tab) {
  const box = tab.getByRole('textbox').first();
  return {
    box,
    send: async text => { await box.fill(text); await box.press('Enter'); },
    // Web Chat also keeps hidden copies of messages for screen readers: look at the visible ones.
    see: text => tab.getByText(text, { exact: false }).filter({ visible: true }).last().waitFor({ timeout: 15000 }),
    click: label => tab.getByRole('button', { name: label }).last().click(),
  };
}

// Issue 2: /jai-partagé with buttons and typed answers, then all at once through the form.
async function logSession(tab, name) {
  const { box, send, see, click } = chat(tab);
  await box.waitFor({ timeout: 15000 });
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

  await send('/jai-partagé');
  await click(/Tout remplir/);
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

// Issue 3: a newcomer is welcomed, follows the account guide and resumes it, asks a question,
// requests a badge, gets a QR code that decodes to their link, sees and erases their data.
async function guidance(tab, name) {
  const { box, send, see, click } = chat(tab);
  await box.waitFor({ timeout: 15000 });
  await tab.waitForTimeout(2000);
  await send('bonjour');
  await see(/Je suis l.assistant Peer to Peer/);
  await see('Voilà ce que je peux faire pour toi');
  await click('Créer mon compte');
  await see('Étape 1 sur 4');
  await click(/C.est fait/);
  await see('Étape 2 sur 4');
  await click('Plus tard');
  await see(/reprendra à l.étape 2/);
  await send('/compte');
  await see(/arrêté à l.étape 2 sur 4/);
  await click('Reprendre');
  await tab.getByText('Étape 2 sur 4', { exact: false }).filter({ visible: true }).nth(1).waitFor({ timeout: 15000 });
  await send('annuler');
  await see('annulé');

  await send('comment je rends mon badge public');
  await see(/Va dans l.onglet/);
  await see('Partager');

  await send('/badges');
  await see('Compétences numériques');
  await click(/Demander : .*Compétences numériques/);
  await see('petit mot pour la conseillère');
  await click('Sans message');
  await see(/C.est noté/);

  const link = 'https://openbadgepassport.com/app/badge/info/12345';
  await send('/qr ' + link);
  await see('Voilà ton QR code');
  const img = tab.locator('img[alt^="QR code"]').last();
  await img.waitFor({ timeout: 15000 });
  const decoded = await img.evaluate(async (el) => {
    await el.decode();
    const canvas = document.createElement('canvas');
    canvas.width = el.naturalWidth; canvas.height = el.naturalHeight;
    const g = canvas.getContext('2d');
    g.drawImage(el, 0, 0);
    const pixels = g.getImageData(0, 0, canvas.width, canvas.height);
    return window.jsQR(pixels.data, canvas.width, canvas.height)?.data ?? null;
  });
  if (decoded !== link) throw new Error(`the QR code reads "${decoded}", not the link`);
  await tab.screenshot({ path: path.join(here, `${name}-qr.png`) });

  await send('mes données');
  await see('Voici tout ce que je garde sur toi');
  await tab.getByText(/mes-donnees\.json/).filter({ visible: true }).last().waitFor({ timeout: 15000 });
  await send('supprimer mes données');
  await click(/Oui, tout effacer/);
  await see(/j.ai effacé toutes tes données/);
  await tab.screenshot({ path: path.join(here, `${name}-erased.png`) });
}

// Issue 4: a pupil asks for a badge, the counsellor (WebChat:CounsellorIds) reviews the trimester,
// approves with the button of the request, and the pupil's own chat shows the notice; the pupil
// cannot use the counsellor's commands; the trimester comes out as a CSV file.
async function counsellorReview(pupilTab, counsellorTab) {
  const pupil = chat(pupilTab), counsellor = chat(counsellorTab);
  await pupil.box.waitFor({ timeout: 15000 });
  await counsellor.box.waitFor({ timeout: 15000 });
  await pupilTab.waitForTimeout(2000);
  await pupil.send('/badges');
  await pupil.click(/Demander : .*Engagement citoyen/);
  await pupil.click('Sans message');
  await pupil.see(/C.est noté/);
  await pupil.send('/suivi');
  await pupil.see(/réservée à la conseillère/);

  await counsellor.send('/suivi');
  await counsellor.see(/demandes? de badge en attente/);
  await counsellor.send('/demandes');
  await counsellor.see('demande le badge');
  await counsellor.click('Approuver');
  await counsellor.see(/C.est validé/);
  await pupil.see('Bonne nouvelle');
  await counsellor.send('/export');
  await counsellorTab.getByText(/suivi-1er-trimestre/).filter({ visible: true }).last().waitFor({ timeout: 15000 });
}

let failed = false;
const clients = [['webchat', user => `http://127.0.0.1:${port}/?user=${user}`], ['page', user => `${bot}/?user=${user}`]];
for (const [journeyName, journey] of [['session', logSession], ['guidance', guidance]]) {
  for (const [client, url] of clients) {
    const name = `${client}-${journeyName}`;
    const tab = await browser.newPage({ viewport: { width: 480, height: 900 } });
    tab.on('console', m => { if (process.env.DEBUG && m.type() !== 'log') console.error(`[${name} console] ${m.text()}`); });
    // CAPTURE=<folder>: keep what Web Chat really posts, as fixtures for the mapper tests.
    if (process.env.CAPTURE && client === 'webchat') {
      let n = 0;
      tab.on('request', r => {
        if (r.method() === 'POST' && r.url().endsWith('/activities')) fs.writeFileSync(path.join(process.env.CAPTURE, `${name}-post-${++n}.json`), r.postData());
      });
    }
    try {
      await tab.goto(url(`${name}-check`));
      await tab.addScriptTag({ path: path.join(here, 'node_modules/jsqr/dist/jsQR.js') });
      await journey(tab, name);
      console.log(`${name}: ok`);
    } catch (e) {
      failed = true;
      console.error(`${name}: failed:`, e.message);
      await tab.screenshot({ path: path.join(here, `${name}-failed.png`) }).catch(() => {});
    } finally {
      await tab.close();
    }
  }
}
// The counsellor in one chat, the pupil in the other, both ways round.
for (const [pupilClient, counsellorClient] of [[clients[1], clients[0]], [clients[0], clients[1]]]) {
  const name = `review-${counsellorClient[0]}-counsellor`;
  const pupilTab = await browser.newPage({ viewport: { width: 480, height: 900 } });
  const counsellorTab = await browser.newPage({ viewport: { width: 480, height: 900 } });
  try {
    await pupilTab.goto(pupilClient[1](`${name}-pupil`));
    await counsellorTab.goto(counsellorClient[1]('conseillere'));
    await counsellorReview(pupilTab, counsellorTab);
    await pupilTab.screenshot({ path: path.join(here, `${name}-pupil.png`) });
    await counsellorTab.screenshot({ path: path.join(here, `${name}.png`) });
    console.log(`${name}: ok`);
  } catch (e) {
    failed = true;
    console.error(`${name}: failed:`, e.message);
    await pupilTab.screenshot({ path: path.join(here, `${name}-pupil-failed.png`) }).catch(() => {});
    await counsellorTab.screenshot({ path: path.join(here, `${name}-failed.png`) }).catch(() => {});
  } finally {
    await pupilTab.close();
    await counsellorTab.close();
  }
}

await browser.close();
server.close();
process.exit(failed ? 1 : 0);
