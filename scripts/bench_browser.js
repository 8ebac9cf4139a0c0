// Browser benchmarks on the release build (dist/ served by scripts/bench.sh): prints
// numbers, asserts nothing. Budgets from the design brief are printed beside them.
'use strict';

const { launch, SITE } = require('../tests/e2e/helpers.js');

const LOADS = 7;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function firstChart(browser) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(SITE, { waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByName('awaitscope:first-chart').length > 0, null, { timeout: 15000 });
    times.push(await page.evaluate(() => performance.getEntriesByName('awaitscope:first-chart')[0].startTime));
    await context.close();
  }
  return times;
}

(async () => {
  const browser = await launch();
  try {
    const loads = await firstChart(browser);
    console.log(`  navigation → first chart: median ${median(loads).toFixed(1)} ms of ${LOADS} loads ` +
      `(min ${Math.min(...loads).toFixed(1)}, max ${Math.max(...loads).toFixed(1)}), budget 150 ms`);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
