/**
 * Known XSS payloads in everything a person or a contact can put on screen — entry text
 * (markdown), tags, check-in notes and emotion words, search queries, the profile, device
 * names, contact names, their card and reply window, messages, drafts, "What I almost sent" —
 * rendered on every screen. None may run.
 *
 * Running is detected by the page, not by reading the DOM: every payload calls
 * `__xssHit(n)`, a binding into this test; dialogs are caught; a `securitypolicyviolation`
 * listener (and the fixture's CSP watch) reports what the Content Security Policy had to
 * block — which would mean markup got past sanitizing. A DOM sweep for event-handler
 * attributes and script-capable URLs backs that up. A control test shows the hooks fire.
 */
import { test as plainTest, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { publishCard, writeMessage } from '../../../src/lib/conversation';
import { createSecret, docId, encodeSecret } from '../../../src/lib/keys';
import {
  addContact,
  addEntry,
  archiveMessages,
  draftBody,
  keepReflection,
  openDraft,
  registerDevice,
  trashEntry,
  updateProfile,
} from '../../../src/lib/vault';
import { seedDatabase, seedVault } from '../../helpers/seed-vault';
import { editorText, expect, test } from '../fixtures';

/** Each calls __xssHit(n) if it ever runs. */
const PAYLOADS: string[] = [
  '<script>__xssHit(1)</script>',
  '<img src=x onerror=__xssHit(2)>',
  '<svg onload=__xssHit(3)>',
  '<svg><script>__xssHit(4)</script></svg>',
  '<iframe srcdoc="<script>parent.__xssHit(5)</script>"></iframe>',
  '[click me](javascript:__xssHit(6))',
  '[click me](JaVaScRiPt:__xssHit(7))',
  '[click me](javascript&#58;__xssHit(8))',
  '<a href="javascript:__xssHit(9)">link</a>',
  '![pic](javascript:__xssHit(10))',
  '![pic](x" onerror="__xssHit(11))',
  '<body onload=__xssHit(12)>',
  '<details open ontoggle=__xssHit(13)>',
  '<video><source onerror=__xssHit(14)></video>',
  '<audio src=x onerror=__xssHit(15)>',
  '<input autofocus onfocus=__xssHit(16)>',
  '<marquee onstart=__xssHit(17)>m</marquee>',
  '<div style="background:url(javascript:__xssHit(18))">bg</div>',
  '<div style="width:expression(__xssHit(19))">ie</div>',
  "<style>@import 'javascript:__xssHit(20)';</style>",
  "{{constructor.constructor('__xssHit(21)')()}}",
  '${__xssHit(22)}',
  '<math><mtext><table><mglyph><style><img src=x onerror=__xssHit(23)>',
  '<noscript><p title="</noscript><img src=x onerror=__xssHit(24)>">',
  '<svg><style><img src=x onerror=__xssHit(25)></style></svg>',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=__xssHit(26)>',
  '<object data="javascript:__xssHit(27)"></object>',
  '<embed src="javascript:__xssHit(28)">',
  '<base href="javascript:__xssHit(29)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:__xssHit(30)">',
  '<link rel=import href="data:text/html,<script>__xssHit(31)</script>">',
  '<a href="data:text/html;base64,PHNjcmlwdD5fX3hzc0hpdCgzMik8L3NjcmlwdD4=">data</a>',
  '[data](data:text/html,<script>__xssHit(33)</script>)',
  '<img src="x" onerror="&#95;&#95;xssHit(34)">',
  '<img src=x onerror="\\u005f\\u005fxssHit(35)">',
  '<scr\u200bipt>__xssHit(36)</scr\u200bipt>',
  '＜script＞__xssHit(37)＜/script＞',
  '<img src=x onerror=__xssHit(38)//',
  '"><script>__xssHit(39)</script>',
  "'><img src=x onerror=__xssHit(40)>",
  '</textarea><script>__xssHit(41)</script>',
  '</title><script>__xssHit(42)</script>',
  '<!--<img src=x onerror=__xssHit(43)>-->',
  '<![CDATA[<img src=x onerror=__xssHit(44)>]]>',
  '<svg><a xlink:href="javascript:__xssHit(45)"><text x="9" y="9">x</text></a></svg>',
  '<svg><animate onbegin=__xssHit(46) attributeName=x dur=1s>',
  '<svg><set attributeName=onload to=__xssHit(47)>',
  '<x onclick=__xssHit(48)>click',
  '<img srcset="x" onerror=__xssHit(49)>',
  '<isindex type=image src=1 onerror=__xssHit(50)>',
  '<table background="javascript:__xssHit(51)"><tr><td>t</td></tr></table>',
  '[spaces](   javascript:__xssHit(52))',
  '<a href="jav&#x09;ascript:__xssHit(54)">tab</a>',
  '<a href=" &#14; javascript:__xssHit(55)">ctl</a>',
  '<javascript:__xssHit(56)>',
  '[ref][r]\n\n[r]: javascript:__xssHit(57)',
  '<img src=x:alert(alt) onerror=eval(src) alt=__xssHit(58)>',
  '<svg/onload=__xssHit(59)>',
  '<iframe src="javascript:__xssHit(60)"></iframe>',
  '{{__xssHit(61)}}',
  '<% __xssHit(62) %>',
  '\u202e<img src=x onerror=__xssHit(63)>',
  "<img src=x onerror=\"window['__xss'+'Hit'](64)\">",
  '<button formaction=javascript:__xssHit(65)>b</button>',
  '```html\n<script>__xssHit(66)</script>\n```',
  '<a href="#" onmouseover="__xssHit(67)">hover</a>',
  '<div id="x" tabindex=1 onfocusin=__xssHit(68)>focus</div>',
];

const CONTACTS = 3;
const START = Date.now();

interface Seed {
  vault: Y.Doc;
  entryIds: string[];
  contactIds: string[];
  conversations: { dbName: string; doc: Y.Doc }[];
}

async function seedData(): Promise<Seed> {
  const vault = new Y.Doc();
  const entryIds: string[] = [];
  const day = 86_400_000;
  PAYLOADS.forEach((payload, i) => {
    // Spread over recent days, and a few exactly a year back for "On this day".
    const at = new Date(START - (i % 10 === 0 ? 365 * day : (i % 20) * day) - i * 60_000);
    const checkin = i % 4 === 3;
    entryIds.push(
      addEntry(vault, {
        kind: checkin ? 'checkin' : 'entry',
        body: checkin ? payload : `Payload ${i + 1}\n\n${payload}\n\nafter`,
        tags: [payload, `t${i}`],
        emotions: checkin ? [payload, 'calm'] : [],
        mood: checkin ? { pleasantness: (i % 11) - 5, energy: ((i * 3) % 11) - 5 } : null,
        createdAt: at.toISOString(),
      }),
    );
  });
  for (const id of entryIds.filter((_, i) => i % 9 === 4)) trashEntry(vault, id);
  updateProfile(vault, { displayName: PAYLOADS[1]!, replyWindow: PAYLOADS[22]! });
  registerDevice(vault, 'device-xss', PAYLOADS[2]!);

  const contactIds: string[] = [];
  const conversations: Seed['conversations'] = [];
  for (let c = 0; c < CONTACTS; c++) {
    const secret = createSecret();
    const theirMemberId = crypto.randomUUID();
    const contactId = addContact(vault, {
      name: PAYLOADS[(c * 7) % PAYLOADS.length]!,
      conversationSecret: encodeSecret(secret),
      theirMemberId,
    });
    contactIds.push(contactId);
    const conv = new Y.Doc();
    const messages = PAYLOADS.filter((_, i) => i % CONTACTS === c);
    messages.forEach((text, i) => {
      const message = {
        id: `m-${c}-${i}`,
        from: theirMemberId,
        text,
        sentAt: new Date(START - (messages.length - i) * 3_600_000).toISOString(),
        ...(i > 0 ? { replyTo: `m-${c}-${i - 1}` } : {}),
      };
      writeMessage(conv, message);
      if (i % 2 === 0) archiveMessages(vault, contactId, [message]);
    });
    publishCard(conv, theirMemberId, {
      name: PAYLOADS[(c * 5 + 1) % PAYLOADS.length]!,
      replyWindow: PAYLOADS[(c * 5 + 2) % PAYLOADS.length]!,
      quietHours: null,
    });
    conversations.push({ dbName: `mull-${await docId(secret, 'conv')}`, doc: conv });
    const draft = openDraft(vault, contactId, `m-${c}-0`);
    draftBody(vault, draft).insert(0, PAYLOADS[(c * 11 + 3) % PAYLOADS.length]!);
    keepReflection(vault, {
      id: `r-${c}`,
      contactId,
      text: PAYLOADS[(c * 13 + 4) % PAYLOADS.length]!,
      outcome: 'discarded',
    });
  }
  return { vault, entryIds, contactIds, conversations };
}

interface Hooks {
  hits: string[];
}

/** The page-level hooks: a binding payloads call, dialogs, and CSP violation reports. */
async function watchForExecution(page: Page): Promise<Hooks> {
  const hooks: Hooks = { hits: [] };
  await page.exposeBinding('__xssHit', (_source, marker: unknown) => {
    hooks.hits.push(`ran: payload ${String(marker)}`);
  });
  page.on('dialog', (dialog) => {
    hooks.hits.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`);
    });
  });
  return hooks;
}

/** What the CSP blocked so far, and any markup that should never be in the page. */
function cspAndDom(page: Page): Promise<{ csp: string[]; dom: string[] }> {
  return page.evaluate(() => {
    const dom: string[] = [];
    const scriptUrl = /^\s*(javascript|vbscript|data):/i;
    for (const el of document.body.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'frame'].includes(tag)) {
        dom.push(`<${tag}> in the page`);
      }
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) dom.push(`<${tag} ${name}>`);
        if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(name)) {
          if (scriptUrl.test(attr.value)) dom.push(`<${tag} ${name}="${attr.value}">`);
        }
        if (name === 'style' && /expression\(|javascript:/i.test(attr.value)) {
          dom.push(`<${tag} style="${attr.value}">`);
        }
      }
    }
    const csp = (window as unknown as { __cspViolations: string[] }).__cspViolations;
    return { csp: [...csp], dom };
  });
}

async function visit(page: Page, hash: string): Promise<void> {
  await page.goto(hash);
  await expect(page.locator('main h1').first()).toBeVisible();
  // Error and load events of anything that slipped through fire within a moment.
  await page.waitForTimeout(150);
}

test('no known XSS payload runs on any screen', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const hooks = await watchForExecution(page);
  const seed = await seedData();
  await seedVault(page, baseURL ?? '', seed.vault);
  for (const { dbName, doc } of seed.conversations) await seedDatabase(page, dbName, doc);
  const problems: string[] = [];
  const check = async (where: string) => {
    const { csp, dom } = await cspAndDom(page);
    for (const p of [...hooks.hits.splice(0), ...csp, ...dom]) problems.push(`${where}: ${p}`);
    await page.evaluate(() => {
      (window as unknown as { __cspViolations: string[] }).__cspViolations.length = 0;
    });
  };

  const screens = ['#/today', '#/journal', '#/insights', '#/trash', '#/settings', '#/inbox'];
  for (const hash of screens) {
    await visit(page, `/${hash}`);
    await check(hash);
  }
  // Every entry and check-in, read and edited.
  for (const [i, id] of seed.entryIds.entries()) {
    await visit(page, `/#/entry/${id}${i % 8 === 0 ? '?edit' : ''}`);
    await check(`entry ${i + 1}`);
  }
  // Typed in through the UI as well: tags (with their suggestions) and the editor itself.
  await visit(page, `/#/entry/${seed.entryIds[0]}?edit`);
  const tags = page.getByRole('combobox', { name: 'Tags' });
  for (const payload of [PAYLOADS[1]!, PAYLOADS[38]!, '<svg']) {
    await tags.fill(payload);
    await page.waitForTimeout(50);
    await tags.press('Enter');
  }
  await editorText(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`\n\n${PAYLOADS[5]} ${PAYLOADS[0]}`);
  await page.getByRole('button', { name: 'Done' }).click();
  await page.waitForTimeout(150);
  await check('typed tags and text');

  for (const id of seed.contactIds) {
    await visit(page, `/#/conversation/${id}`);
    await expect(
      page.getByRole('list', { name: 'Messages' }).locator('li.message').first(),
    ).toBeVisible();
    await check(`conversation ${id}`);
    await visit(page, `/#/reply/${id}`);
    await check(`reply ${id}`);
  }
  await visit(page, '/#/reflections');
  await check('reflections');

  // Search: every payload as a query, and what it finds.
  await visit(page, '/#/search');
  const box = page.getByRole('searchbox', { name: 'Search your journal' });
  for (const payload of PAYLOADS) {
    await box.fill(payload);
    await page.waitForTimeout(40);
  }
  await box.fill('after');
  await expect(page.getByRole('link', { name: /Payload/ }).first()).toBeVisible();
  await page.waitForTimeout(300);
  await check('search');

  expect(PAYLOADS.length).toBeGreaterThanOrEqual(50);
  expect(problems).toEqual([]);
});

plainTest(
  'control: the hooks see a payload that runs and one the CSP blocks',
  async ({ page, baseURL }) => {
    const hooks = await watchForExecution(page);
    await page.goto(`${baseURL ?? ''}/#/today`);
    await page.evaluate(() =>
      (window as unknown as { __xssHit(n: string): void }).__xssHit('control'),
    );
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.setAttribute('onerror', '__xssHit("blocked")');
      img.src = 'x:';
      document.body.append(img);
    });
    await expect.poll(async () => (await cspAndDom(page)).csp.length).toBeGreaterThan(0);
    expect((await cspAndDom(page)).dom).toContain('<img onerror>');
    expect(hooks.hits).toEqual(['ran: payload control']);
  },
);
