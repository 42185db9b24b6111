// kafka-local ui shows what compaction removed, in Debian's Chromium: records with superseded keys
// are drawn on the page, then the topic is switched to cleanup.policy=compact (the engine's
// cleaner runs every 50 ms here); the log start and end do not move, yet the view's bounded tail
// read no longer gets the superseded records: the timeline says how many compaction removed and
// their cells are drawn gone, the latest record per key still in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, startInProcessEngine, type TestEngine } from '../helpers/engine';
import { launchBrowser, screenshot, startUi, type Browser, type UiProcess } from '../helpers/ui';

let engine: TestEngine;
let ui: UiProcess;
let browser: Browser;

beforeAll(async () => {
  engine = await startInProcessEngine({ 'log.cleaner.backoff.ms': '50' });
  [ui, browser] = await Promise.all([startUi(engine.bootstrap), launchBrowser()]);
}, 60000);

afterAll(async () => {
  await browser?.close();
  await ui?.stop();
  await engine?.stop();
});

/** One console-producer run: one batch of keyed records. */
async function produce(lines: string[]): Promise<void> {
  const r = await runTool('kafka-console-producer', ['--bootstrap-server', engine.bootstrap, '--topic', 'compacted',
    '--property', 'parse.key=true', '--property', 'key.separator=:'], { input: lines.map((l) => `${l}\n`).join('') });
  expect(r.code, r.stderr).toBe(0);
}

describe('kafka-local ui: compaction', () => {
  it('says in the timeline how many records compaction removed and draws their cells gone', async () => {
    const created = await runTool('kafka-topics', ['--bootstrap-server', engine.bootstrap, '--create', '--topic', 'compacted', '--partitions', '1']);
    expect(created.code, created.stderr).toBe(0);
    const page = await browser.open(ui.url);
    // Three batches: offsets 0 k1=a, 1 k2=a, 2 k1=b, 3 k2=b, 4 k1=c (one segment).
    await produce(['k1:a', 'k2:a']);
    await produce(['k1:b', 'k2:b']);
    await produce(['k1:c']);
    await page.waitForFunction(() => document.querySelectorAll('[data-record^="compacted:0:"]').length === 5, null, { timeout: 15000 });

    // The tutorial's way: compact with small segments, then one more record rolls the segment
    // (more than segment.ms after the first batch), so 0-4 leave the active segment and are cleaned.
    const altered = await runTool('kafka-configs', ['--bootstrap-server', engine.bootstrap, '--alter', '--entity-type', 'topics', '--entity-name', 'compacted',
      '--add-config', 'cleanup.policy=compact,min.cleanable.dirty.ratio=0.01,segment.ms=100']);
    expect(altered.code, altered.stderr).toBe(0);
    await produce(['k9:end']);
    await page.locator('.timeline li', { hasText: 'compaction removed 3 records from compacted-0' }).waitFor({ timeout: 20000 });
    expect(await page.$$eval('[data-gone^="compacted:0:"]', (els) => els.map((e) => e.getAttribute('data-gone'))))
      .toEqual(['compacted:0:0', 'compacted:0:1', 'compacted:0:2']);
    expect(await page.$$eval('[data-record^="compacted:0:"]', (els) => els.map((e) => `${e.getAttribute('data-record')} ${e.getAttribute('data-key')}`)))
      .toEqual(['compacted:0:3 k2', 'compacted:0:4 k1', 'compacted:0:5 k9']);
    // Compaction moves neither the log start nor the end.
    expect(await page.getAttribute('[data-logstart="compacted:0"]', 'data-value')).toBe('0');
    expect(await page.getAttribute('[data-hw="compacted:0"]', 'data-value')).toBe('6');
    await screenshot(page, 'compaction', '[data-tp="compacted:0"]');
    await screenshot(page, 'compaction-timeline', '#timeline');
    await page.close();
  }, 90000);
});
