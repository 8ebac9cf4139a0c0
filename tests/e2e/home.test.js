// End to end: the release build in dist/, served on 127.0.0.1 by scripts/e2e.sh, loaded in
// headless Chromium through playwright-core (Debian's /usr/bin/chromium, nothing downloaded).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const URL = process.env.AWAITSCOPE_URL;
const SHOTS = path.join(ROOT, 'target', 'e2e');
const EXAMPLE = fs.readFileSync(path.join(ROOT, 'tests/conformance/tutorial/02_gather_tasks.py'), 'utf8');

let browser;

before(async () => {
  assert.ok(URL, 'AWAITSCOPE_URL is set (run through scripts/e2e.sh)');
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
});

/** Opens the page in a fresh context and records every problem a person would not see. */
async function open(viewport, colorScheme = 'light') {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(URL, { waitUntil: 'load' });
  await page.locator('h1').waitFor({ timeout: 15000 });
  return { context, page, problems };
}

test('the home page opens on tutorial example 2, already charted', async () => {
  const { context, page, problems } = await open({ width: 1280, height: 800 });
  try {
    assert.match(await page.title(), /^Awaitscope/);
    assert.equal(await page.locator('h1').innerText(), 'Awaitscope');

    const picker = page.getByLabel('Example');
    assert.match(await picker.locator('option:checked').innerText(), /task1 .* task2 .* gather/);

    // The program a person reads and edits.
    assert.equal((await page.getByLabel('Program source').inputValue()).trim(), EXAMPLE.trim());

    // Already charted on the virtual clock: both lanes and the comparison.
    const chart = page.locator('svg').first();
    await chart.waitFor({ timeout: 15000 });
    const text = await chart.textContent();
    assert.match(text, /task1\(\)/);
    assert.match(text, /task2\(\)/);
    assert.match(text, /2\.0 s concurrent vs 3\.0 s sequential/);

    await page.screenshot({ path: path.join(SHOTS, 'home.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the page fits a 360 px wide phone screen without sideways scrolling', async () => {
  const { context, page, problems } = await open({ width: 360, height: 740 });
  try {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, 'the page is wider than the screen');
    await page.screenshot({ path: path.join(SHOTS, 'home-360.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a dark colour scheme gets a dark page', async () => {
  const { context, page, problems } = await open({ width: 1280, height: 800 }, 'dark');
  try {
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 3 * 64, `body background ${background} is not dark`);
    await page.screenshot({ path: path.join(SHOTS, 'home-dark.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
