// Browser benchmarks on the release build (dist/ served by scripts/bench.sh): prints
// numbers, asserts nothing. Budgets from the design brief are printed beside them.
'use strict';

const { launch, SITE } = require('../tests/e2e/helpers.js');

const LOADS = 11;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Per load: when the first chart was painted (the first contentful paint: index.html
 * carries the first paint, the default example charted at build time by the engine,
 * src/page/first_paint.rs) and when the live app had drawn its own (the
 * `awaitscope:first-chart` mark: wasm downloaded, compiled, prelude loaded, both runs done).
 * Interleaved with loads of a bare page (one line of text, same server) as the control:
 * what a first paint costs on this machine at this moment.
 */
async function firstChart(browser) {
  const painted = [];
  const live = [];
  const bare = [];
  const bareUrl = new URL('../bare.html', SITE).href;
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(SITE, { waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByName('awaitscope:first-chart').length > 0, null, { timeout: 15000 });
    const t = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      live: performance.getEntriesByName('awaitscope:first-chart')[0].startTime,
    }));
    if (t.fcp !== undefined) painted.push(t.fcp);
    live.push(t.live);
    await context.close();
    // In a fresh context too (a new renderer, cold caches), as the app's loads.
    const control = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const barePage = await control.newPage();
    await barePage.goto(bareUrl, { waitUntil: 'load' });
    await barePage.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 15000 });
    bare.push(await barePage.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime));
    await control.close();
  }
  return { painted, live, bare };
}

const spread = (xs) =>
  `median ${median(xs).toFixed(1)} ms of ${xs.length} loads (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;

/** A page of the built app with its wasm exports (trunk sets window.wasmBindings). */
async function appPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(SITE, { waitUntil: 'load' });
  await page.waitForFunction(() => window.wasmBindings?.bench_task_switches, null, { timeout: 15000 });
  return { context, page };
}

const call = (page, name, ...args) =>
  page.evaluate(([n, a]) => window.wasmBindings[n](...a), [name, args]);

(async () => {
  const browser = await launch();
  try {
    const loads = await firstChart(browser);
    if (loads.painted.length > 0) {
      console.log(`  navigation → first chart painted (the build-time first paint): ${spread(loads.painted)}, budget 150 ms`);
    }
    console.log(`  navigation → live app's first chart (wasm, prelude, both runs): ${spread(loads.live)}`);
    console.log(`    control: a bare page's first paint, loads interleaved with the above: ${spread(loads.bare)}`);

    const { context, page } = await appPage(browser);
    const switches = JSON.parse(await call(page, 'bench_task_switches'));
    console.log(`  task switches in the browser (1000 tasks × 100 sleep(0), virtual clock through the driver): ` +
      `${Math.round(switches.switches_per_second).toLocaleString('en')} /s best of ${switches.runs} ` +
      `(${switches.switches} switches in ${switches.wall_ms.toFixed(0)} ms; first run ` +
      `${Math.round(switches.cold_switches_per_second).toLocaleString('en')} /s; straight run_now: ` +
      `${Math.round(switches.run_now_switches_per_second).toLocaleString('en')} /s)`);
    if (Number(process.env.AWAITSCOPE_CPYTHON_SWITCHES) > 0) {
      const cpython = Number(process.env.AWAITSCOPE_CPYTHON_SWITCHES);
      console.log(`    browser ÷ native CPython (measured above, same run): ` +
        `${(switches.switches_per_second / cpython).toFixed(2)}× (budget ≥ 1×)`);
    }

    const late = JSON.parse(await call(page, 'bench_timer_lateness'));
    console.log(`  timer lateness at 1× (${late.sleeps} sequential 10 ms sleeps): p50 ${late.p50_ms.toFixed(2)} ms, ` +
      `p95 ${late.p95_ms.toFixed(2)} ms, p99 ${late.p99_ms.toFixed(2)} ms, max ${late.max_ms.toFixed(2)} ms (budget p99 ≤ 4 ms)`);

    const yields = JSON.parse(await call(page, 'bench_macrotask_yield'));
    console.log(`  macrotask yield: MessageChannel ${yields.message_channel_ms_per_yield.toFixed(3)} ms, ` +
      `setTimeout(0) ${yields.set_timeout_0_ms_per_yield.toFixed(3)} ms per yield`);

    const draws = [];
    for (let i = 0; i < 3; i++) draws.push(await call(page, 'bench_draw', 10000));
    console.log(`  draw a 10,000-task trace: median ${median(draws).toFixed(0)} ms of ${draws.length} ` +
      `(${draws.map((d) => d.toFixed(0)).join(', ')}), budget 300 ms`);
    await context.close();
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
