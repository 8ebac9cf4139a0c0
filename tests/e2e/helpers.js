// Shared by the end-to-end tests: one headless Chromium (Debian's, through playwright-core:
// nothing is downloaded), pages that record every problem a person would not see.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const SITE = process.env.AWAITSCOPE_URL; // the app, served under /awaitscope/
const SHOTS = path.join(ROOT, 'target', 'e2e');

function readRepo(relative) {
  return fs.readFileSync(path.join(ROOT, relative), 'utf8');
}

async function launch() {
  assert.ok(SITE, 'AWAITSCOPE_URL is set (run through scripts/e2e.sh)');
  fs.mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
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
}

/**
 * Opens `url` (default: the app) in a fresh context. `problems` collects console errors,
 * page errors, failed requests and HTTP errors; `allow` lists URL prefixes whose failures
 * are expected (the tutorial's fetch when there is no network).
 */
async function open(browser, { url = SITE, viewport = { width: 1280, height: 860 }, colorScheme = 'light', allow = [], before, waitLive = true } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  if (before) await before(page, context);
  const problems = [];
  const allowed = (u) => allow.some((prefix) => u.startsWith(prefix));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !allowed(msg.location()?.url || '') && !allow.some((p) => msg.text().includes(p))) {
      problems.push(`console error: ${msg.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (!allowed(request.url())) problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !allowed(response.url())) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  if (waitLive) await liveApp(page);
  return { context, page, problems };
}

/**
 * Waits until Awaitscope's own page has replaced its first paint (the static frame in
 * index.html) with the live app. Other pages (a docs page) have no #awaitscope-app.
 */
async function liveApp(page) {
  await page.waitForFunction(() => {
    const root = document.getElementById('awaitscope-app');
    return !root || (root.children.length > 0 && !root.querySelector('.first-paint, .awaitscope-live-pending'));
  }, null, { timeout: 20000 });
}

function shot(page, name, options = {}) {
  return page.screenshot({ path: path.join(SHOTS, `${name}.png`), ...options });
}

module.exports = { ROOT, SITE, SHOTS, readRepo, launch, open, liveApp, shot };
