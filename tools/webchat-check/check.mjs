// Drives Microsoft's Web Chat (botframework-webchat, polling Direct Line) and our own chat page
// against the running bot in headless Chromium, through the journeys a pupil makes.
// Exits non-zero on any failure; leaves screenshots beside this file.
import fs from 'node:fs';
import path from 'node:path';
import { here, launch, serveWebChat, logSession, guidance, counsellorReview, joinByLink, firstQuestion, everything, chat } from './journeys.mjs';
import { expectAccessible } from './a11y.mjs';

const bot = process.env.BOT_URL || 'http://localhost:5000';
const port = Number(process.env.PAGE_PORT || 5100);
const server = serveWebChat(bot, port);
const browser = await launch();

let failed = false;
const clients = [['webchat', user => `http://127.0.0.1:${port}/?user=${user}`], ['page', user => `${bot}/?user=${user}`]];
// Issue 16, point 7: our page passes axe-core's WCAG 2.2 A and AA rules on a phone's screen, fresh and with one of
// everything in its list (and after each journey below).
const phone = { width: 360, height: 640 };
{
  const tab = await browser.newPage({ viewport: phone });
  try {
    await tab.goto(`${bot}/?user=a11y-check`);
    await chat(tab).box.waitFor({ timeout: 15000 });
    await tab.waitForFunction(() => Object.keys(sessionStorage).some(k => k.startsWith('p2p.session.')), null, { timeout: 15000 });
    await expectAccessible(tab, 'the fresh page');
    await everything(tab);
    await tab.screenshot({ path: path.join(here, 'page-a11y.png') });
    await expectAccessible(tab, 'the page after a journey');
    console.log('page-a11y: ok');
  } catch (e) {
    failed = true;
    console.error('page-a11y: failed:', e.message);
    await tab.screenshot({ path: path.join(here, 'page-a11y-failed.png') }).catch(() => {});
  } finally {
    await tab.close();
  }
}
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
      if (client === 'page') {
        await tab.setViewportSize(phone);
        await expectAccessible(tab, `the page after ${journeyName}`);
      }
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
    await counsellorReview(pupilTab, counsellorTab, name);
    await pupilTab.screenshot({ path: path.join(here, `${name}-pupil.png`) });
    await counsellorTab.screenshot({ path: path.join(here, `${name}.png`) });
    // The counsellor's list keeps a request's buttons with its message.
    for (const [client, tab, who] of [[pupilClient, pupilTab, 'pupil'], [counsellorClient, counsellorTab, 'counsellor']]) {
      if (client[0] !== 'page') continue;
      await tab.setViewportSize(phone);
      await expectAccessible(tab, `the ${who}'s page after a review`);
    }
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
