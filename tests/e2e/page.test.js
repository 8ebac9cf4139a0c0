// End to end: the release build in dist/, served on 127.0.0.1 by scripts/e2e.sh under
// /awaitscope/ (as on a docs site), loaded in headless Chromium. Asserts what a person sees.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { SITE, readRepo, launch, open, liveApp, shot } = require('./helpers.js');

const GATHER = readRepo('tests/conformance/tutorial/02_gather_tasks.py');
const FETCH_URL = 'https://jsonplaceholder.typicode.com/';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The chart's waiting bars, as {title, width} in document order. */
async function waitingBars(page) {
  return page.locator('.timeline svg rect.as-waiting').evaluateAll((rects) =>
    rects.map((r) => ({ title: r.getAttribute('aria-label') || '', width: r.getBBox().width })),
  );
}

async function chartText(page) {
  const svg = page.locator('.timeline svg').first();
  await svg.waitFor({ timeout: 15000 });
  return svg.textContent();
}

const runButton = (page) => page.getByRole('button', { name: 'Run', exact: true });
const stopButton = (page) => page.getByRole('button', { name: 'Stop', exact: true });

/** Presses Run and waits until the real-time run has ended. */
async function runToEnd(page, timeout = 30000) {
  await runButton(page).click();
  await runButton(page).waitFor({ timeout }); // Stop turns back into Run
  await page.locator('.run-status', { hasText: /^Real run at/ }).waitFor({ timeout });
}

test('the page opens on tutorial example 2, already charted', async () => {
  const { context, page, problems } = await open(browser);
  try {
    assert.match(await page.title(), /^Awaitscope/);
    assert.equal(await page.locator('h1').innerText(), 'Awaitscope');
    const picker = page.locator('#example-picker');
    assert.match(await picker.locator('option:checked').innerText(), /task1 .* task2 .* gather/);
    assert.equal((await page.getByLabel('Program source', { exact: true }).inputValue()).trim(), GATHER.trim());

    const text = await chartText(page);
    assert.match(text, /task1\(\)/);
    assert.match(text, /task2\(\)/);
    assert.match(text, /2\.0 s concurrent vs 3\.0 s sequential — 1\.5× faster/);
    assert.match(await page.locator('.console').innerText(), /Both tasks completed in 2\.00 seconds/);
    await shot(page, 'home', { fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('before the wasm arrives, the first paint already shows example 2 charted', async () => {
  // The wasm never arrives: what shows is index.html alone.
  const { context, page } = await open(browser, {
    waitLive: false,
    before: (p) => p.route('**/*.wasm', () => {}),
  });
  try {
    const first = page.locator('#awaitscope-app > .first-paint');
    await first.waitFor({ timeout: 5000 });
    const text = await first.locator('.timeline svg').textContent();
    assert.match(text, /task1\(\)/);
    assert.match(text, /task2\(\)/);
    assert.match(text, /2\.0 s concurrent vs 3\.0 s sequential — 1\.5× faster/);
    assert.match(await first.locator('.console').innerText(), /2\.000 s\s*Both tasks completed in 2\.00 seconds/);
    assert.match(await first.locator('.editor-code').innerText(), /await asyncio\.gather\(task1\(\), task2\(\)\)/);
    // Nothing can be used yet: every control is disabled, there is no textarea.
    assert.equal(await first.locator('button:not([disabled]), select:not([disabled]), textarea').count(), 0);
    assert.ok((await first.locator('.timeline svg').boundingBox()).width > 500);
    await shot(page, 'first-paint', { fullPage: true });
  } finally {
    await context.close();
  }
});

test('the live app replaces the first paint with the same chart, once', async () => {
  const { context, page } = await open(browser, {
    waitLive: false,
    before: (p) => p.route('**/*.wasm', async (route) => {
      // Hold the wasm until the first paint has been read.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    }),
  });
  try {
    const firstText = await page.locator('.first-paint .timeline svg').textContent();
    await liveApp(page);
    assert.equal(await page.locator('.awaitscope').count(), 1);
    assert.equal(await page.locator('h1').count(), 1);
    const liveText = await chartText(page);
    // The same lanes, labels, summary and legend (the axis may differ with the panel's
    // width; the release build's HTML minifier drops whitespace between the first paint's tags).
    const marks = (t) => t.replace(/\d+(\.\d+)? s\b/g, '').replace(/\s+/g, '');
    assert.equal(marks(liveText), marks(firstText));
    // Drawn in the palette's colours, which outlive the first paint (not black).
    const fill = await page.locator('.timeline svg rect.as-waiting').first().evaluate((r) => getComputedStyle(r).fill);
    assert.notEqual(fill, 'rgb(0, 0, 0)');
    await page.getByLabel('Program source', { exact: true }).waitFor();
  } finally {
    await context.close();
  }
});

test('Run plays example 2 in real time: waiting bars 1:2, the summary, both prints', async () => {
  const { context, page, problems } = await open(browser);
  try {
    await chartText(page);
    await runToEnd(page);
    const text = await chartText(page);
    assert.match(text, /task1\(\)/);
    assert.match(text, /task2\(\)/);
    assert.match(text, /2\.0 s concurrent vs 3\.0 s sequential/);

    const bars = await waitingBars(page);
    const concurrent = (name) => bars.find((b) => b.title.startsWith(`${name}(): waiting for sleep`));
    const [one, two] = [concurrent('task1'), concurrent('task2')];
    assert.ok(one && two, `sleep bars of task1 and task2 in ${JSON.stringify(bars)}`);
    const ratio = two.width / one.width;
    assert.ok(Math.abs(ratio - 2) < 0.1, `task2's wait is twice task1's: ${two.width} / ${one.width} = ${ratio}`);

    const consoleText = await page.locator('.console').innerText();
    assert.match(consoleText, /Task 1 finished/);
    assert.match(consoleText, /Task 2 finished/);
    await shot(page, 'after-run', { fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the page fits a 360 px wide phone screen without sideways scrolling', async () => {
  const { context, page, problems } = await open(browser, { viewport: { width: 360, height: 740 } });
  try {
    await chartText(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, 'the page is wider than the screen');
    await shot(page, 'home-360', { fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a dark colour scheme gets a dark page', async () => {
  const { context, page, problems } = await open(browser, { colorScheme: 'dark' });
  try {
    await chartText(page);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 3 * 64, `body background ${background} is not dark`);
    await shot(page, 'home-dark', { fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a syntax error is reported with its line and column, and marked in the editor', async () => {
  const { context, page, problems } = await open(browser);
  try {
    await chartText(page);
    const editor = page.getByLabel('Program source', { exact: true });
    const broken = GATHER.replace('async def task2():', 'async def task2()');
    await editor.fill(broken);
    const line = broken.split('\n').findIndex((l) => l.startsWith('async def task2()')) + 1;
    const column = broken.split('\n')[line - 1].length + 1;
    // Under the editor, the line and column; the line tinted; the traceback in the console.
    const where = page.locator('.editor-error');
    await where.filter({ hasText: "SyntaxError: expected ':'" }).waitFor({ timeout: 10000 });
    assert.match(await where.innerText(), new RegExp(`Line ${line}, column ${column}`));
    assert.equal(await page.locator('.editor-tints .editor-tint-error').count(), 1);
    const consoleText = await page.locator('.console').innerText();
    assert.match(consoleText, new RegExp(`File "main.py", line ${line}`));
    assert.match(consoleText, /SyntaxError: expected ':'/);
    assert.match(await page.locator('.timeline').innerText(), /No task ran: SyntaxError/);
    await shot(page, 'syntax-error', { fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('every built-in example runs to completion in real time without an error', async () => {
  const { context, page, problems } = await open(browser, { allow: [FETCH_URL] });
  try {
    await chartText(page);
    await page.locator('#speed-picker').selectOption({ label: '10×' });
    const ids = await page.locator('#example-picker option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(ids.length >= 17, `17 examples in the menu, found ${ids.length}`);
    for (const id of ids) {
      await page.locator('#example-picker').selectOption(id);
      await chartText(page);
      await runToEnd(page, 60000);
      // Nothing on stderr (no traceback, no error logged by asyncio), no error marked.
      const stderr = await page.locator('.console .console-stderr').allInnerTexts();
      assert.deepEqual(stderr, [], `${id} wrote to stderr`);
      assert.equal(await page.locator('.editor-error').count(), 0, `${id} marked an error`);
      assert.ok((await page.locator('.console .console-line').count()) > 0, `${id} printed nothing`);
      await shot(page, `example-${id}`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('aiohttp without network: answered from the bundled fixture, and the page says so', async () => {
  const { context, page, problems } = await open(browser, {
    url: `${SITE}#example=aiohttp`,
    allow: [FETCH_URL],
    before: (p) => p.route(`${FETCH_URL}**`, (route) => route.abort('internetdisconnected')),
  });
  try {
    await chartText(page);
    await runToEnd(page);
    await page.locator('.notice', { hasText: /bundled fixture/ }).waitFor({ timeout: 5000 });
    assert.match(await page.locator('.console').innerText(), /'title': 'delectus aut autem'/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('aiohttp with a network: the program prints what fetch() returned', async () => {
  const { context, page, problems } = await open(browser, {
    url: `${SITE}#example=aiohttp`,
    before: (p) =>
      p.route(`${FETCH_URL}**`, (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          headers: { 'access-control-allow-origin': '*' },
          body: JSON.stringify({ userId: 7, id: 1, title: 'served by the test', completed: true }),
        }),
      ),
  });
  try {
    await chartText(page);
    await runToEnd(page);
    const consoleText = await page.locator('.console').innerText();
    assert.match(consoleText, /Status: 200/);
    assert.match(consoleText, /'title': 'served by the test'/);
    assert.equal(await page.locator('.notice', { hasText: /bundled fixture/ }).count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('aiofiles writes into the in-page file system, which the page shows', async () => {
  const { context, page, problems } = await open(browser, { url: `${SITE}#example=aiofiles` });
  try {
    await chartText(page);
    const file = page.locator('.files .file', { hasText: 'example.txt' });
    await file.waitFor({ timeout: 10000 });
    assert.match(await file.locator('pre').innerText(), /Hello, asynchronous file I\/O!/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('Stop ends a program that never yields, and the page stays responsive', async () => {
  const { context, page, problems } = await open(browser);
  try {
    await chartText(page);
    await page.getByLabel('Program source', { exact: true }).fill('import asyncio\n\nasync def main():\n    while True:\n        pass\n\nasyncio.run(main())\n');
    await runButton(page).click();
    await stopButton(page).waitFor({ timeout: 5000 });
    await page.waitForTimeout(300);
    const before = Date.now();
    await stopButton(page).click();
    await page.locator('.run-status', { hasText: /^Stopped/ }).waitFor({ timeout: 5000 });
    const took = Date.now() - before;
    assert.ok(took < 2000, `Stop took ${took} ms`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a flood of output keeps the newest 1,000 console lines and shortens a huge line', async () => {
  const { context, page, problems } = await open(browser);
  try {
    await chartText(page);
    const program = 'for i in range(3000):\n    print(i)\nprint("x" * 5000)\n';
    await page.getByLabel('Program source', { exact: true }).fill(program);
    const note = page.locator('.console .console-omitted');
    await note.waitFor({ timeout: 15000 });
    assert.match(await note.innerText(), /2,001 earlier lines not shown: the console keeps the newest 1,000/);
    assert.equal(await page.locator('.console .console-line').count(), 1000);
    const rows = await page.locator('.console .console-text').allInnerTexts();
    assert.equal(rows[0], '2001');
    assert.equal(rows[998], '2999');
    assert.equal(rows[999], `${'x'.repeat(2000)}… (3000 more characters)`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a share link opens the same program', async () => {
  const { context, page, problems } = await open(browser);
  try {
    await chartText(page);
    const program = GATHER.replace('asyncio.sleep(2)', 'asyncio.sleep(0.5)');
    await page.getByLabel('Program source', { exact: true }).fill(program);
    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await page.locator('.share-link').inputValue();
    assert.match(link, /#code=[A-Za-z0-9_-]+$/);

    const other = await context.newPage();
    await other.goto(link);
    await other.locator('.timeline svg').first().waitFor({ timeout: 15000 });
    await other.waitForFunction(
      (want) => document.querySelector('[aria-label="Program source"]')?.value === want,
      program,
      { timeout: 10000 },
    );
    // The concurrent run is drawn first; the baseline joins it when it is done.
    await other.waitForFunction(
      () => /sequential/.test(document.querySelector('.timeline svg')?.textContent ?? ''),
      null,
      { timeout: 15000 },
    );
    assert.match(await other.locator('.timeline svg').first().textContent(), /1\.0 s concurrent vs 1\.5 s sequential/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('#embed shows only the chart and the Run button', async () => {
  const { context, page, problems } = await open(browser, { url: `${SITE}#embed&example=workers` });
  try {
    const text = await chartText(page);
    assert.match(text, /worker\('Task 1', 5\)/);
    assert.match(text, /5\.0 s concurrent vs 9\.0 s sequential/);
    assert.equal(await page.getByLabel('Program source', { exact: true }).count(), 0);
    assert.equal(await page.locator('h1').count(), 0);
    assert.ok(await runButton(page).isVisible());
    await shot(page, 'embed');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a documentation page embeds several examples with one script, keeping its own look', async () => {
  // The docs page lives beside the app (scripts/e2e.sh serves target/e2e-site/).
  const { context, page, problems } = await open(browser, { url: new URL('../docs-page.html', SITE).href });
  try {
    const charts = page.locator('awaitscope-example .timeline svg');
    await charts.nth(1).waitFor({ timeout: 15000 });
    assert.equal(await page.locator('awaitscope-example').count(), 2);
    assert.match(await charts.nth(0).textContent(), /worker\('Task 1', 5\)/);
    assert.match(await charts.nth(1).textContent(), /greet\('Ada'\)/);
    // The host page's own styles are untouched by ours.
    const hostFont = await page.evaluate(() => getComputedStyle(document.querySelector('p.host')).fontFamily);
    assert.match(hostFont, /serif/);
    const hostMargin = await page.evaluate(() => getComputedStyle(document.body).marginTop);
    assert.equal(hostMargin, '24px');
    await shot(page, 'docs-page', { fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an embedded example says it is loading, and says so when the app cannot load', async () => {
  const url = new URL('../docs-page.html', SITE).href;
  // The wasm never arrives: each element says it is loading.
  let { context, page } = await open(browser, { url, before: (p) => p.route('**/*.wasm', () => {}) });
  try {
    const notes = page.locator('awaitscope-example .awaitscope-loading');
    await notes.nth(1).waitFor({ timeout: 5000 });
    assert.deepEqual(await notes.allInnerTexts(), ['Loading Awaitscope…', 'Loading Awaitscope…']);
  } finally {
    await context.close();
  }
  // The wasm is missing: the elements say why instead of staying blank.
  ({ context, page } = await open(browser, {
    url,
    before: (p) => p.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' })),
  }));
  try {
    const notes = page.locator('awaitscope-example .awaitscope-loading', { hasText: 'could not load' });
    await notes.nth(1).waitFor({ timeout: 10000 });
    assert.match(await notes.first().innerText(), /^Awaitscope could not load \(.+\)\.$/);
  } finally {
    await context.close();
  }
});

test('clicking a waiting bar highlights its await in the editor', async () => {
  const { context, page, problems } = await open(browser);
  try {
    await chartText(page);
    const bar = page.locator('.timeline svg rect.as-waiting[aria-label^="task2(): waiting for sleep(2)"]').first();
    const label = await bar.getAttribute('aria-label');
    const line = Number(label.match(/await at line (\d+):/)[1]);
    assert.equal(GATHER.split('\n')[line - 1].trim(), 'await asyncio.sleep(2)');
    await bar.click();
    const tint = page.locator('.editor-tints .editor-tint-await');
    await tint.waitFor({ timeout: 5000 });
    assert.equal(await tint.evaluate((el) => el.style.getPropertyValue('--line').trim()), String(line - 1));
    await shot(page, 'await-highlighted');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the table view lists the same trace for screen readers', async () => {
  const { context, page, problems } = await open(browser);
  try {
    await chartText(page);
    await page.getByRole('button', { name: 'Table view' }).click();
    const tables = page.locator('.timeline table');
    await tables.first().waitFor({ timeout: 5000 });
    assert.equal(await tables.count(), 2);
    assert.match(await tables.nth(0).locator('caption').innerText(), /^Concurrent run/);
    assert.match(await tables.nth(1).locator('caption').innerText(), /^Sequential baseline/);
    const rows = await tables.nth(0).locator('tbody tr').allInnerTexts();
    assert.ok(
      rows.some((r) => /task2\(\)\s+waiting\s+0 s\s+2 s\s+sleep\(2\)\s+13:5/.test(r)),
      `a row for task2's sleep(2) in ${JSON.stringify(rows)}`,
    );
    assert.match(await page.locator('.summary').innerText(), /2\.0 s concurrent vs 3\.0 s sequential/);
    await shot(page, 'table-view', { fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
