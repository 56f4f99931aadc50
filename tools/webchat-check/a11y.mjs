// Issue 16, point 7: our chat page held to WCAG 2.2 A and AA in the browser. axe-core's rules, then
// what axe cannot see on its own: every button and field a finger can hit (24×24 CSS px at least), and
// the message list reached with Tab (a keyboard user must be able to scroll it).
// Only our page is audited: Microsoft's Web Chat is a second client for the protocol, not ours to fix.
import fs from 'node:fs';
import path from 'node:path';
import { here } from './journeys.mjs';

const axeSource = fs.readFileSync(path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const minimum = 24;

/** Every problem found on the page as it is now, one readable line each; empty when it passes. */
export async function audit(tab) {
  // The page's CSP allows no injected <script>: the source runs through the debugger protocol instead.
  if (!await tab.evaluate(() => 'axe' in window)) await tab.evaluate(axeSource);
  const result = await tab.evaluate(runOnly => window.axe.run(document, { runOnly: { type: 'tag', values: runOnly } }), tags);
  const problems = result.violations.map(v =>
    `axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);

  const small = await tab.evaluate(min => [...document.querySelectorAll('button, input, select, textarea')]
    .filter(el => el.getClientRects().length > 0 && el.type !== 'hidden')
    .map(el => ({ el, box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.width < min || box.height < min)
    .map(({ el, box }) => {
      const name = (el.tagName === 'BUTTON' ? el.textContent : el.name || el.id).trim();
      return `${el.tagName.toLowerCase()} "${name}" ${box.width.toFixed(1)}×${box.height.toFixed(1)}`;
    }), minimum);
  problems.push(...small.map(s => `target size: ${s} CSS px, under ${minimum}×${minimum}`));

  if (!await reachedWithTab(tab, 'log')) problems.push('keyboard: Tab never reaches the message list (role "log")');
  return problems;
}

/** Whether Tab, from the page's title, focuses the element with that role. */
async function reachedWithTab(tab, role) {
  const before = await tab.evaluateHandle(() => document.activeElement);
  // Tab starts from the title: focused for a moment (a blur alone would leave Tab's start at the focused field).
  await tab.evaluate(() => { const h1 = document.querySelector('h1'); h1.tabIndex = -1; h1.focus(); });
  // Round the page twice at most: the page may still move the focus itself while it starts.
  let reached = false;
  for (let i = 0, rounds = 0; i < 40 && !reached && rounds < 2; i++) {
    await tab.keyboard.press('Tab');
    const focused = await tab.evaluate(() => document.activeElement === document.body ? 'body' : document.activeElement?.getAttribute('role'));
    reached = focused === role;
    if (focused === 'body') rounds++;
  }
  await tab.evaluate(() => document.querySelector('h1').removeAttribute('tabindex'));
  await before.evaluate(el => el?.focus?.()).catch(() => {});
  await before.dispose();
  return reached;
}

/** Audits the page and throws with the list of what fails, so the journey's step fails readably. */
export async function expectAccessible(tab, what) {
  const problems = await audit(tab);
  if (problems.length > 0) throw new Error(`${what}: ${problems.length} accessibility problem(s):\n  ${problems.join('\n  ')}`);
}
