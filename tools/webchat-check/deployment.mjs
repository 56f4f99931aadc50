// A real deployment's web chat (WebChat:Secret set) in headless Chromium. It starts the built bot
// itself on 127.0.0.1:5001 with a throw-away database, and restarts it mid-way:
// - Microsoft's Web Chat completes /jai-partagé with a token from /webchat/token (the bot says who speaks);
// - a pupil's page keeps its identity across a reload and a restart of the bot, another browser is someone else;
// - the counsellor opens an invitation printed by the command line, approves a request, and signs out.
// Exits non-zero on any failure; leaves screenshots beside this file.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { here, launch, serveWebChat, chat, logSession } from './journeys.mjs';
import { expectAccessible } from './a11y.mjs';

const root = path.resolve(here, '../..');
const dll = path.join(root, 'Bot/bin/Debug/net10.0/Bot.dll');
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'p2p-deployment-'));
const bot = 'http://127.0.0.1:5001';
const port = 5101;
const env = {
  ...process.env,
  ConnectionStrings__Bot: `Data Source=${path.join(data, 'bot.db')}`,
  WebChat__Secret: crypto.randomBytes(32).toString('base64url'), // made for this run, never stored
  WebChat__AllowedOrigins__0: `http://127.0.0.1:${port}`,
  urls: bot,
};
const log = fs.openSync(path.join(data, 'bot.log'), 'a');

async function startBot() {
  const process_ = spawn('dotnet', [dll], { cwd: root, env, stdio: ['ignore', log, log] });
  for (let i = 0; i < 60; i++) {
    try { if ((await fetch(bot + '/')).ok) return process_; } catch { /* not listening yet */ }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error('the bot did not start: ' + fs.readFileSync(path.join(data, 'bot.log'), 'utf8').slice(-2000));
}

async function stopBot(process_) {
  process_.kill('SIGTERM');
  await once(process_, 'exit');
}

/** Who the page says this browser is: the user id the bot gave it. */
const speaker = tab => tab.evaluate(() => {
  const key = Object.keys(sessionStorage).find(k => k.startsWith('p2p.session.'));
  return key ? JSON.parse(sessionStorage.getItem(key)).userId : null;
});

async function openPage(context, url = bot + '/') {
  const tab = await context.newPage({ viewport: { width: 480, height: 900 } });
  await tab.goto(url);
  await chat(tab).box.waitFor({ timeout: 15000 });
  await tab.waitForFunction(() => Object.keys(sessionStorage).some(k => k.startsWith('p2p.session.')), null, { timeout: 15000 });
  return tab;
}

let failed = false;
async function step(name, tabs, body) {
  try {
    await body();
    console.log(`${name}: ok`);
  } catch (e) {
    failed = true;
    console.error(`${name}: failed:`, e.message);
    for (const [i, tab] of tabs().entries()) await tab.screenshot({ path: path.join(here, `${name}-${i}-failed.png`) }).catch(() => {});
  }
}

let botProcess = await startBot();
const server = serveWebChat(bot, port);
const browser = await launch();
const lea = await browser.newContext();
const claire = await browser.newContext();
let tabs = [];

await step('deployment-webchat-session', () => tabs, async () => {
  const tab = await (await browser.newContext()).newPage({ viewport: { width: 480, height: 900 } });
  tabs = [tab];
  // ?user= is not heard with a secret: Web Chat speaks as the id the bot gave with the token.
  await tab.goto(`http://127.0.0.1:${port}/?user=lea`);
  await logSession(tab, 'deployment-webchat-session');
});

let leaId = null;
await step('deployment-page-identity', () => tabs, async () => {
  let tab = await openPage(lea, bot + '/?user=conseillere');
  tabs = [tab];
  leaId = await speaker(tab);
  if (!/^w-[0-9a-f]{32}$/.test(leaId)) throw new Error(`the page speaks as "${leaId}", not an identity of the server's`);
  const { send, see } = chat(tab);
  await tab.waitForTimeout(1500);
  await send('bonjour');
  await see(/Je suis l.assistant Peer to Peer/);

  // A reload without the tab's memory: the cookie alone says who this is.
  await tab.evaluate(() => sessionStorage.clear());
  await tab.reload();
  await chat(tab).box.waitFor({ timeout: 15000 });
  await tab.waitForFunction(() => Object.keys(sessionStorage).some(k => k.startsWith('p2p.session.')), null, { timeout: 15000 });
  if (await speaker(tab) !== leaId) throw new Error('the identity changed on reload');

  // The bot restarts (the cookie's keys are in its database): a new tab is still Léa, with her data.
  await tab.close();
  await stopBot(botProcess);
  botProcess = await startBot();
  tab = await openPage(lea);
  tabs = [tab];
  if (await speaker(tab) !== leaId) throw new Error('the identity changed when the bot restarted');
  await tab.waitForTimeout(1500);
  await chat(tab).send('mes données');
  await chat(tab).see(leaId);

  // Another browser asking for Léa's id is someone else.
  const other = await openPage(await browser.newContext(), bot + '/?user=' + leaId);
  tabs.push(other);
  const otherId = await speaker(other);
  if (otherId === leaId || !otherId) throw new Error('another browser got Léa\'s identity');
  await tab.screenshot({ path: path.join(here, 'deployment-page-identity.png') });
});

await step('deployment-counsellor-invitation', () => tabs, async () => {
  const printed = execFileSync('dotnet', [dll, 'counsellor', 'invite', '--name', 'Claire', '--url', bot], { cwd: root, env, encoding: 'utf8' });
  const link = printed.split('\n').find(l => l.startsWith(bot + '/invitation.html#'));
  if (!link) throw new Error('no invitation link printed: ' + printed);

  const counsellorTab = await claire.newPage({ viewport: { width: 480, height: 900 } });
  const pupilTab = await openPage(lea);
  tabs = [counsellorTab, pupilTab];
  await counsellorTab.goto(link);
  await counsellorTab.getByText('Bienvenue Claire').waitFor({ timeout: 15000 });
  await counsellorTab.waitForURL(bot + '/', { timeout: 15000 });
  await counsellorTab.getByText('Connecté·e : Claire').waitFor({ timeout: 15000 });

  const pupil = chat(pupilTab), counsellor = chat(counsellorTab);
  await pupilTab.waitForTimeout(1500);
  await pupil.send('/badges');
  await pupil.click(/Demander : .*Engagement citoyen/);
  await pupil.click('Sans message');
  await pupil.see(/C.est noté/);

  await counsellor.send('/demandes');
  await counsellor.see('demande le badge');
  await counsellor.click('Approuver');
  await counsellor.see(/C.est validé/);
  await pupil.see('Bonne nouvelle');
  await counsellorTab.screenshot({ path: path.join(here, 'deployment-counsellor-invitation.png') });
  // Issue 16, point 7: a signed-in counsellor's header (name and sign-out) and the pupil's page, on a phone's screen.
  for (const [tab, who] of [[counsellorTab, "the signed-in counsellor's page"], [pupilTab, "the pupil's page in a deployment"]]) {
    await tab.setViewportSize({ width: 360, height: 640 });
    await expectAccessible(tab, who);
  }
  await counsellorTab.screenshot({ path: path.join(here, 'deployment-counsellor-phone.png') });

  // Signed out, this browser is nobody's counsellor any more.
  await counsellorTab.getByRole('button', { name: 'Se déconnecter' }).click();
  await counsellorTab.getByRole('button', { name: "Ce n'est pas moi" }).waitFor({ timeout: 15000 });
  await counsellorTab.waitForTimeout(1500);
  await counsellor.send('/demandes');
  await counsellor.see(/réservée à la conseillère/);
});

await browser.close();
server.close();
await stopBot(botProcess);
fs.rmSync(data, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
