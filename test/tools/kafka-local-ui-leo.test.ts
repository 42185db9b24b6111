// kafka-local ui draws the log end offset apart from the high watermark, in Debian's Chromium: on
// a three-broker local cluster a follower is stalled (SIGSTOP; neither fenced nor out of the ISR in
// the test's time) and records produced with acks=1 reach the leader and the other follower only.
// The HW stays, the LEO (ListOffsets as the debugging replica) moves on: the page marks LEO to the
// right of HW with the un-replicated cells between them, and both meet again after SIGCONT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../helpers/engine';
import { TestCluster } from '../helpers/cluster';
import { runKcat } from '../helpers/kcat';
import { launchBrowser, screenshot, startUi, type Browser, type UiProcess } from '../helpers/ui';

const cluster = new TestCluster({ brokers: 3, sessionTimeoutMs: 60000, overrides: { 'replica.lag.time.max.ms': '60000' } });
let ui: UiProcess;
let browser: Browser;

beforeAll(async () => {
  [, browser] = await Promise.all([cluster.startAll(), launchBrowser()]);
  const r = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(1), '--create', '--topic', 'tail', '--replica-assignment', '1:2:3']);
  expect(r.code, r.stderr).toBe(0);
  // A stalled broker answers nothing: each poll waits --timeout for its ListGroups and log dirs.
  ui = await startUi(cluster.bootstrap(1), 500, ['--timeout', '2']);
}, 90000);

afterAll(async () => {
  await browser?.close();
  await ui?.stop();
  await cluster.stop();
});

describe('kafka-local ui: the log end offset', () => {
  it('draws LEO beyond HW while a follower has not copied the tail, and HW=LEO once it has', async () => {
    const page = await browser.open(ui.url);
    await page.waitForFunction(() => document.querySelectorAll('[data-tp="tail:0"] .replica.in-isr').length === 3, null, { timeout: 30000 });
    expect((await runKcat(cluster.bootstrap(1), ['-P', '-t', 'tail', '-k', ':', '-X', 'acks=all'], 'k1:a\nk2:b\n')).code).toBe(0);
    await page.waitForSelector('[data-hw="tail:0"][data-leo="tail:0"][data-value="2"]', { timeout: 10000 });

    // Broker 1 leads; stall a follower that is not the controller (the store's controller decides ISR changes).
    const controller = await page.$$eval('[data-broker]', (els) => Number(els.find((e) => e.querySelector('.badge.controller'))?.getAttribute('data-broker') ?? -1));
    const stalled = controller === 2 ? 3 : 2;
    process.kill(cluster.broker(stalled).proc.pid!, 'SIGSTOP');
    try {
      expect((await runKcat(cluster.bootstrap(1), ['-P', '-t', 'tail', '-k', ':', '-X', 'acks=1'], 'k1:c\nk2:d\nk3:e\n')).code).toBe(0);
      await page.waitForSelector('[data-leo="tail:0"][data-value="5"]', { timeout: 15000 });
      const hw = page.locator('[data-hw="tail:0"]');
      const leo = page.locator('[data-leo="tail:0"]');
      expect(await hw.getAttribute('data-value')).toBe('2');
      expect(await page.locator('[data-tp="tail:0"] .replica.in-isr').count()).toBe(3);
      const [hwBox, leoBox] = [await hw.boundingBox(), await leo.boundingBox()];
      expect(leoBox!.x).toBeGreaterThan(hwBox!.x);
      expect(await page.$$eval('[data-unreplicated^="tail:0:"]', (els) => els.map((e) => e.getAttribute('data-unreplicated'))))
        .toEqual(['tail:0:2', 'tail:0:3', 'tail:0:4']);
      await screenshot(page, 'log-end-offset', '[data-tp="tail:0"]');
    } finally {
      process.kill(cluster.broker(stalled).proc.pid!, 'SIGCONT');
    }
    await page.waitForSelector('[data-hw="tail:0"][data-leo="tail:0"][data-value="5"]', { timeout: 15000 });
    expect(await page.locator('[data-unreplicated]').count()).toBe(0);
    await page.close();
  }, 90000);
});
