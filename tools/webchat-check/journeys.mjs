// The journeys a person makes in a chat, whichever chat draws it (Microsoft's Web Chat or our page),
// and the page that hosts Microsoft's Web Chat. Shared by check.mjs (this machine only) and
// deployment.mjs (a real deployment: a secret set).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const here = path.dirname(fileURLToPath(import.meta.url));

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Serves a page with Microsoft's Web Chat on 127.0.0.1:port. It takes its Direct Line token from the
 * bot's /webchat/token and speaks as the user id the bot answers with (the server decides who that is).
 */
export function serveWebChat(bot, port) {
  const bundle = fs.readFileSync(path.join(here, 'node_modules/botframework-webchat/dist/webchat.js'));
  const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><script src="/webchat.js"></script></head>
<body style="margin:0"><div id="webchat" style="height:100vh"></div><script>
(async () => {
  const user = new URLSearchParams(location.search).get('user') || 'webchat-check';
  const res = await fetch('${bot}/webchat/token?user=' + encodeURIComponent(user), { method: 'POST' });
  const { token, userId } = await res.json();
  window.WebChat.renderWebChat({
    directLine: window.WebChat.createDirectLine({ domain: '${bot}/v3/directline', token, webSocket: false }),
    userID: userId, locale: 'fr-FR',
    // Web Chat crops images to 240 px high by default: a square chart needs about the chat's width.
    styleOptions: { bubbleImageHeight: 460 },
  }, document.getElementById('webchat'));
})();
</script></body></html>`;
  return http.createServer((req, res) => {
    if (req.url === '/webchat.js') { res.writeHead(200, { 'Content-Type': 'text/javascript' }); res.end(bundle); return; }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }); res.end(page);
  }).listen(port, '127.0.0.1');
}

// What a person does in a chat, whichever chat draws it.
export function chat(tab) {
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
export async function logSession(tab, name) {
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
export async function guidance(tab, name) {
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
  // The pixels are read in the chat's page; jsQR runs in a blank page of its own (the chat's CSP allows no injected script).
  const pixels = await img.evaluate(async (el) => {
    await el.decode();
    const canvas = document.createElement('canvas');
    canvas.width = el.naturalWidth; canvas.height = el.naturalHeight;
    const g = canvas.getContext('2d');
    g.drawImage(el, 0, 0);
    return { width: canvas.width, height: canvas.height, data: Array.from(g.getImageData(0, 0, canvas.width, canvas.height).data) };
  });
  const decoder = await tab.context().browser().newPage();
  await decoder.addScriptTag({ path: path.join(here, 'node_modules/jsqr/dist/jsQR.js') });
  const decoded = await decoder.evaluate(p => window.jsQR(Uint8ClampedArray.from(p.data), p.width, p.height)?.data ?? null, pixels);
  await decoder.close();
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
export async function counsellorReview(pupilTab, counsellorTab, name) {
  const pupil = chat(pupilTab), counsellor = chat(counsellorTab);
  await pupil.box.waitFor({ timeout: 15000 });
  await counsellor.box.waitFor({ timeout: 15000 });
  await pupilTab.waitForTimeout(2000);
  await pupil.send('/badges');
  await pupil.click(/Demander : .*Engagement citoyen/);
  await pupil.click('Sans message');
  await pupil.see(/C.est noté/);
  // Issue 17: one session logged, so that /suivi has a chart to draw.
  await pupil.send('/jai-partagé');
  await pupil.click(/^Vendredi/);
  await pupil.see('partagé avec le groupe');
  await pupil.send('Un débat sur le harcèlement');
  await pupil.see('appris avec les autres');
  await pupil.send('Écouter avant de répondre');
  await pupil.click('Engagement citoyen');
  await pupil.click('3 · Je sais faire');
  await pupil.click(/Oui, j.enregistre/);
  await pupil.see(/C.est enregistré/);
  await pupil.send('/suivi');
  await pupil.see(/réservée à la conseillère/);

  await counsellor.send('/suivi');
  await counsellor.see(/demandes? de badge en attente/);
  // The chart, above the text, with an alt text that says its numbers; the screenshot shows it whole.
  const chart = counsellorTab.locator('img[alt^="Graphique du"]').last();
  await chart.waitFor({ timeout: 15000 });
  if (!/ : \d/.test(await chart.getAttribute('alt') ?? '')) throw new Error('the chart\'s alt text does not say its numbers');
  if (await chart.evaluate(img => img.naturalWidth) !== 720) throw new Error('the chart is not the 720-pixel PNG');
  // On our page a chart takes the bubble's width (a QR code stays at 16rem): wider than a QR code is shown.
  if (name.includes('page') && await chart.evaluate(img => img.clientWidth) <= 256) throw new Error('the chart is shown as small as a QR code');
  await chart.scrollIntoViewIfNeeded();
  await counsellorTab.screenshot({ path: path.join(here, `${name}-suivi.png`) });
  await counsellor.send('/demandes');
  await counsellor.see('demande le badge');
  await counsellor.click('Approuver');
  await counsellor.see(/C.est validé/);
  await pupil.see('Bonne nouvelle');
  await counsellor.send('/export');
  await counsellorTab.getByText(/suivi-1er-trimestre/).filter({ visible: true }).last().waitFor({ timeout: 15000 });
}

// Issue 15: a second group made with the command line while the bot runs; its poster's link joins a newcomer,
// who then logs a session in it. The code goes once: the address no longer holds it.
export async function joinByLink(tab, bot, root) {
  const { execFileSync } = await import('node:child_process');
  const made = execFileSync('dotnet', [path.join(root, 'Bot/bin/Debug/net10.0/Bot.dll'), 'group', 'add', 'Lycée Marie Curie'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, Logging__LogLevel__Default: 'Warning' } });
  const code = /^code\t(\w{6})$/m.exec(made)?.[1];
  if (!code) throw new Error(`no code in: ${made}`);
  await tab.goto(`${bot}/?user=join-check&groupe=${code}`);
  const { send, see, click } = chat(tab);
  await see('tu es dans le groupe Lycée Marie Curie');
  if (new URL(tab.url()).searchParams.has('groupe')) throw new Error('the join code stayed in the address');
  await send('/jai-partagé');
  await see(/C.était quelle séance/);
  await click(/^Vendredi/);
  await see('partagé avec le groupe');
  await tab.screenshot({ path: path.join(here, 'page-join.png') });
}

// Issue 16, point 1: a question as the very first message gets the welcome, then its answer.
export async function firstQuestion(tab) {
  const { box, send, see } = chat(tab);
  await box.waitFor({ timeout: 15000 });
  await tab.waitForTimeout(2000);
  await send("c'est quoi un open badge ?");
  await see(/Je suis l.assistant Peer to Peer/);
  await see(/Un Open Badge, c.est une image numérique/);
}

// Issue 16, point 7: a list holding one of everything a pupil's page draws (a QR code image, links, a form card still
// to fill, suggested replies), for the accessibility audit. Our page only.
export async function everything(tab) {
  const { box, send, see, click } = chat(tab);
  await box.waitFor({ timeout: 15000 });
  await tab.waitForTimeout(2000);
  await send('/qr https://openbadgepassport.com/app/badge/info/12345');
  await tab.locator('img[alt^="QR code"]').last().waitFor({ timeout: 15000 });
  await send('mes données');
  await tab.getByText(/mes-donnees\.json/).filter({ visible: true }).last().waitFor({ timeout: 15000 });
  await send('/jai-partagé');
  await click(/Tout remplir/);
  await tab.getByLabel('Mon niveau').last().waitFor({ timeout: 15000 });
  // The form left unsent: the pupil asks for a badge instead (with a form in the list, chat()'s box is the form's).
  await tab.getByLabel('Ton message').fill('/badges');
  await tab.getByLabel('Ton message').press('Enter');
  await tab.getByRole('button', { name: /Demander : .*Compétences numériques/ }).waitFor({ timeout: 15000 });
}
