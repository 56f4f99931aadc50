// Drives Microsoft's Web Chat (botframework-webchat, polling Direct Line) and our own chat page
// against the running bot in headless Chromium, through the journeys a pupil makes.
// Exits non-zero on any failure; leaves screenshots beside this file.
import fs from 'node:fs';
import path from 'node:path';
import { here, launch, serveWebChat, logSession, guidance, counsellorReview, joinByLink, firstQuestion } from './journeys.mjs';

const bot = process.env.BOT_URL || 'http://localhost:5000';
const port = Number(process.env.PAGE_PORT || 5100);
const server = serveWebChat(bot, port);
const browser = await launch();

let failed = false;
const clients = [['webchat', user => `http://127.0.0.1:${port}/?user=${user}`], ['page', user => `${bot}/?user=${user}`]];
for (const [journeyName, journey] of [['session', logSession], ['guidance', guidance], ['first-question', firstQuestion]]) {
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

// Last: from here on the bot has two groups, and a newcomer needs a code.
{
  const tab = await browser.newPage({ viewport: { width: 480, height: 900 } });
  try {
    await joinByLink(tab, bot, path.resolve(here, '../..'));
    console.log('page-join: ok');
  } catch (e) {
    failed = true;
    console.error('page-join: failed:', e.message);
    await tab.screenshot({ path: path.join(here, 'page-join-failed.png') }).catch(() => {});
  } finally {
    await tab.close();
  }
}

await browser.close();
server.close();
process.exit(failed ? 1 : 0);
