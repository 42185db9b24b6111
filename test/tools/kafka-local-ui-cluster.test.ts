// kafka-local ui on a three-broker local cluster (test/helpers/cluster.ts), in Debian's Chromium:
// when broker 3 is killed with SIGKILL the page draws it dead, the partitions it led get other
// leaders, its replicas drop out of the ISRs, and the timeline says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../helpers/engine';
import { TestCluster } from '../helpers/cluster';
import { launchBrowser, screenshot, startUi, type Browser, type UiProcess } from '../helpers/ui';

const cluster = new TestCluster({ brokers: 3 });
let ui: UiProcess;
let browser: Browser;

beforeAll(async () => {
  [, browser] = await Promise.all([cluster.startAll(), launchBrowser()]);
  const r = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(1), '--create', '--topic', 'replicated', '--replica-assignment', '1:2:3,2:3:1,3:1:2']);
  expect(r.code, r.stderr).toBe(0);
  ui = await startUi(cluster.bootstrap(1));
}, 90000);

afterAll(async () => {
  await browser?.close();
  await ui?.stop();
  await cluster.stop();
});

const leaders = (page: import('playwright-core').Page) =>
  page.$$eval('[data-leader^="replicated:"]', (els) => els.map((e) => e.textContent));

describe('kafka-local ui on a three-broker cluster', () => {
  it('draws a killed broker dead and its partitions led by others', async () => {
    const page = await browser.open(ui.url);
    await page.waitForFunction(() => document.querySelectorAll('[data-broker][data-alive="true"]').length === 3
      && document.querySelector('[data-leader="replicated:2"]')?.textContent === '3'
      && document.querySelectorAll('[data-tp^="replicated:"] .replica.in-isr').length === 9, null, { timeout: 30000 });
    expect(await leaders(page)).toEqual(['1', '2', '3']);
    await screenshot(page, 'cluster-before', '#brokers');

    await cluster.signal(3, 'SIGKILL');
    await page.waitForSelector('[data-broker="3"][data-alive="false"]', { timeout: 30000 });
    await page.waitForFunction(() => {
      const ls = [...document.querySelectorAll('[data-leader^="replicated:"]')].map((e) => e.textContent);
      return ls.length === 3 && !ls.includes('3') && !ls.includes('none')
        && document.querySelectorAll('[data-tp^="replicated:"] .replica.dead.out-of-isr').length === 3;
    }, null, { timeout: 30000 });
    expect(await page.locator('[data-leads="3"]').textContent()).toBe('leads 0 partitions');
    await page.locator('.timeline li', { hasText: 'broker 3 died' }).waitFor({ timeout: 5000 });
    await page.locator('.timeline li', { hasText: 'replicated-2 leader moved from 3 to' }).waitFor({ timeout: 5000 });
    await screenshot(page, 'cluster-broker-dead', '.main-col');
    await page.close();
  }, 90000);
});
