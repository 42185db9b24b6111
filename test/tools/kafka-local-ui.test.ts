// kafka-local ui in a real browser (Debian's Chromium through playwright-core), against an engine
// through the Kafka protocol only: a keyed record drawn in the partition murmur2 gives within a
// second, console consumers drawn owning disjoint partitions and an idle third one, lag drawn
// growing and shrinking, and a retention config moving the log start. Each state is also taken
// as a small PNG (docs/ui when KAFKA_LOCAL_UI_SCREENSHOTS=1, for the README).
import * as http from 'node:http';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, runTool, startInProcessEngine, type TestEngine } from '../helpers/engine';
import { createTopic, startTool, type Running } from '../helpers/tools';
import { launchBrowser, screenshot, startUi, type Browser, type UiProcess } from '../helpers/ui';

const { murmur2 } = require(path.join(ROOT, 'dist/protocol/murmur2'));

let engine: TestEngine;
let ui: UiProcess;
let browser: Browser;
const running: Running[] = [];

beforeAll(async () => {
  engine = await startInProcessEngine({ 'group.initial.rebalance.delay.ms': '0', 'log.retention.check.interval.ms': '100' });
  [ui, browser] = await Promise.all([startUi(engine.bootstrap), launchBrowser()]);
}, 60000);

afterAll(async () => {
  for (const r of running) r.kill('SIGTERM');
  await Promise.all(running.map((r) => r.exited));
  await browser?.close();
  await ui?.stop();
  await engine?.stop();
});

async function produce(topic: string, lines: string[], keyed = false): Promise<void> {
  const args = ['--bootstrap-server', engine.bootstrap, '--topic', topic];
  if (keyed) args.push('--property', 'parse.key=true', '--property', 'key.separator=:');
  const r = await runTool('kafka-console-producer', args, { input: lines.map((l) => `${l}\n`).join('') });
  expect(r.code, r.stderr).toBe(0);
}

function consumer(topic: string, group: string, extra: string[] = []): Running {
  const r = startTool('kafka-console-consumer', ['--bootstrap-server', engine.bootstrap, '--topic', topic, '--group', group, ...extra]);
  running.push(r);
  return r;
}

/** The group's members as the page draws them. */
function members(page: Page, group: string): Promise<{ id: string; partitions: string[]; idle: boolean }[]> {
  return page.$$eval(`.member[data-group="${group}"]`, (els) => els.map((e) => {
    const d = (e as HTMLElement).dataset;
    return { id: d.memberId!, partitions: d.partitions ? d.partitions.split(' ') : [], idle: d.idle === 'true' };
  }));
}

const attr = (page: Page, selector: string, timeout = 15000) =>
  page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-value') ?? null, selector, { timeout });

/** One GET to the view with the given Host header: status, content type and the first chunk of the body. */
function get(pathname: string, host?: string): Promise<{ status: number; type: string; body: string }> {
  const u = new URL(pathname, ui.url);
  return new Promise((resolve, reject) => {
    const req = http.get({ host: u.hostname, port: u.port, path: u.pathname, headers: host ? { host } : {} }, (res) => {
      res.setEncoding('utf8');
      res.once('data', (d: string) => {
        resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: d });
        req.destroy();
      });
      res.once('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: '' }));
    });
    req.on('error', reject);
  });
}

describe('kafka-local ui', () => {
  it('serves the page and its event stream on loopback, and nothing to a page that rebinds another name to it', async () => {
    expect(new URL(ui.url).hostname).toBe('127.0.0.1');
    const page = await get('/');
    expect([page.status, page.type]).toEqual([200, 'text/html; charset=utf-8']);
    const events = await get('/events?topics=');
    expect([events.status, events.type]).toEqual([200, 'text/event-stream']);
    expect(JSON.parse(events.body.replace(/^data: /, '')).bootstrap).toBe(engine.bootstrap);
    expect((await get('/nothing')).status).toBe(404);
    expect((await get('/', `localhost:${new URL(ui.url).port}`)).status).toBe(200);
    expect((await get('/', 'attacker.example:9000')).status).toBe(403);
    expect((await get('/events', 'attacker.example')).status).toBe(403);
  });

  it('draws a keyed record from the console producer in the partition murmur2 gives, within a second', async () => {
    await createTopic(engine, 'keyed', 3);
    const page = await browser.open(ui.url);
    await page.waitForSelector('[data-topic="keyed"].open [data-tp="keyed:2"]', { timeout: 10000 });
    const key = 'learner-42';
    const expected = (murmur2(Buffer.from(key)) & 0x7fffffff) % 3;
    await produce('keyed', [`${key}:hello`], true);
    const acked = Date.now();
    const cell = await page.waitForSelector(`[data-key="${key}"]`, { timeout: 5000 });
    const seenAfter = Date.now() - acked;
    expect(await cell.getAttribute('data-record')).toBe(`keyed:${expected}:0`);
    expect(seenAfter).toBeLessThanOrEqual(1000);

    // Same key, same partition (and colour); the click shows the record and why it is there.
    await produce('keyed', [`${key}:again`, 'other:x', `${key}:third`], true);
    await page.waitForFunction((k) => document.querySelectorAll(`[data-key="${k}"]`).length === 3, key, { timeout: 5000 });
    const places = await page.$$eval(`[data-key="${key}"]`, (els) => els.map((e) => (e as HTMLElement).dataset.record!.split(':')[1]));
    expect(new Set(places)).toEqual(new Set([String(expected)]));
    await page.locator(`[data-record="keyed:${expected}:0"]`).click();
    const detail = page.locator('#detail');
    await detail.locator('[data-field="value"]', { hasText: 'hello' }).waitFor({ timeout: 5000 });
    expect(await detail.locator('[data-field="partition"]').textContent()).toBe(String(expected));
    expect(await detail.locator('[data-field="key"]').textContent()).toContain(key);
    expect(await detail.textContent()).toContain(`% 3 = ${expected}`);
    expect(await detail.locator('[data-copy]').getAttribute('data-copy')).toContain(`--partition ${expected} --offset 0`);
    await screenshot(page, 'keyed-record', '.main-col [data-topic="keyed"]');

    // A long log stays a window: its last 40 offsets drawn, the ones before counted in one cell.
    await produce('keyed', Array.from({ length: 100 }, (_, i) => `${key}:bulk-${i}`), true);
    const row = `[data-tp="keyed:${expected}"]`;
    await page.waitForSelector(`${row} [data-hw][data-value="103"]`, { timeout: 5000 });
    await page.waitForFunction((r) => document.querySelectorAll(`${r} [data-record]`).length === 40, row, { timeout: 5000 });
    expect(await page.locator(`${row} .cell.gap`).textContent()).toBe('63 earlier');
    expect(await page.locator(`${row} [data-record]`).last().getAttribute('data-record')).toBe(`keyed:${expected}:102`);
    await screenshot(page, 'record-detail', '#detail');
    await page.close();
  });

  it('draws two console consumers of a group owning disjoint partitions, and a third on a 2-partition topic idle', async () => {
    await createTopic(engine, 'pair', 2);
    const page = await browser.open(ui.url);
    consumer('pair', 'learners');
    consumer('pair', 'learners');
    const two = await page.waitForFunction(() => {
      const ms = [...document.querySelectorAll<HTMLElement>('.member[data-group="learners"]')];
      return ms.length === 2 && ms.every((m) => m.dataset.partitions !== '') ? ms.map((m) => m.dataset.partitions!.split(' ')) : null;
    }, null, { timeout: 30000 }).then((h) => h.jsonValue());
    expect(two.flat().sort()).toEqual(['pair:0', 'pair:1']);
    expect(two[0].filter((p) => two[1].includes(p))).toEqual([]);
    // Each partition's row names its owner.
    expect(await page.locator('[data-owner="learners:pair:0"]').count()).toBe(1);
    await screenshot(page, 'group-two-members', '.side-col [data-group="learners"]');

    consumer('pair', 'learners');
    await page.waitForFunction(() => {
      const ms = [...document.querySelectorAll<HTMLElement>('.member[data-group="learners"]')];
      return ms.length === 3 && ms.filter((m) => m.dataset.idle === 'true').length === 1
        && ms.filter((m) => m.dataset.idle === 'false').every((m) => m.dataset.partitions!.split(' ').length === 1);
    }, null, { timeout: 30000 });
    const three = await members(page, 'learners');
    const busy = three.filter((m) => !m.idle).flatMap((m) => m.partitions).sort();
    expect(busy).toEqual(['pair:0', 'pair:1']);
    expect(await page.locator('.member.idle[data-group="learners"] .idle-note').count()).toBe(1);
    await screenshot(page, 'group-idle-member', '.side-col [data-group="learners"]');
    // The timeline told the story: members joined, partitions changed hands.
    for (const text of ['group learners: member console-consumer', 'group learners rebalanced: ']) {
      await page.locator('.timeline li', { hasText: text }).first().waitFor({ timeout: 5000 });
    }
    await page.close();
  });

  it('draws lag growing as records are produced and shrinking as they are consumed', async () => {
    await createTopic(engine, 'lagging', 1);
    const page = await browser.open(ui.url);
    const read = async (n: number) => {
      const r = await runTool('kafka-console-consumer', ['--bootstrap-server', engine.bootstrap, '--topic', 'lagging', '--group', 'slow', '--from-beginning', '--max-messages', String(n)]);
      expect(r.code, r.stderr).toBe(0);
    };
    await produce('lagging', ['a', 'b', 'c', 'd', 'e']);
    await read(5);
    await page.waitForSelector('[data-lag="slow:lagging:0"][data-value="0"]', { timeout: 10000 });
    expect(await attr(page, '[data-committed="slow:lagging:0"]').then((h) => h.jsonValue())).toBe('5');

    await produce('lagging', ['f', 'g', 'h', 'i', 'j', 'k', 'l']);
    await page.waitForSelector('[data-lag="slow:lagging:0"][data-value="7"]', { timeout: 10000 });
    expect(await page.locator('[data-tp="lagging:0"] .cell.unread').count()).toBe(7);
    expect(await page.locator('[data-group-lag="slow:lagging:0"]').textContent()).toBe('7');
    await screenshot(page, 'lag', '.main-col [data-topic="lagging"]');

    await read(7);
    await page.waitForSelector('[data-lag="slow:lagging:0"][data-value="0"]', { timeout: 10000 });
    expect(await page.locator('[data-tp="lagging:0"] .cell.unread').count()).toBe(0);
    expect(await attr(page, '[data-committed="slow:lagging:0"]').then((h) => h.jsonValue())).toBe('12');
    await page.close();
  });

  it('draws the log start moving when a retention config deletes records', async () => {
    await createTopic(engine, 'expiring', 1);
    const page = await browser.open(ui.url);
    await produce('expiring', ['one', 'two', 'three']);
    await produce('expiring', ['four', 'five', 'six']);
    await page.waitForSelector('[data-hw="expiring:0"][data-value="6"]', { timeout: 10000 });
    expect(await page.locator('[data-tp="expiring:0"] [data-record]').count()).toBe(6);
    expect(await attr(page, '[data-logstart="expiring:0"]').then((h) => h.jsonValue())).toBe('0');

    const r = await runTool('kafka-configs', ['--bootstrap-server', engine.bootstrap, '--alter', '--entity-type', 'topics', '--entity-name', 'expiring', '--add-config', 'retention.ms=1']);
    expect(r.code, r.stderr).toBe(0);
    const start = Number(await page.waitForFunction(() => {
      const v = document.querySelector('[data-logstart="expiring:0"]')?.getAttribute('data-value');
      return v && v !== '0' ? v : null;
    }, null, { timeout: 15000 }).then((h) => h.jsonValue()));
    // The console tool agrees on where the log starts now.
    const earliest = await runTool('kafka-get-offsets', ['--bootstrap-server', engine.bootstrap, '--topic', 'expiring', '--time', '-2']);
    expect(earliest.stdout).toBe(`expiring:0:${start}\n`);
    await page.waitForFunction((s) => document.querySelectorAll('[data-tp="expiring:0"] [data-record]').length === 6 - s, start, { timeout: 5000 });
    await page.locator('.timeline li', { hasText: `expiring-0 log start moved 0 -> ${start}: ${start} records removed` }).waitFor({ timeout: 5000 });
    // The override beside the default it replaces.
    const row = page.locator('[data-config="expiring:retention.ms"]');
    await row.locator('.default', { hasText: '604800000 (1 week)' }).waitFor({ timeout: 10000 }).catch(async (e) => {
      throw new Error(`${e}: the row shows ${await row.textContent()}`);
    });
    expect(await row.locator('.override').textContent()).toBe('1');
    await screenshot(page, 'retention', '.main-col [data-topic="expiring"]');
    await screenshot(page, 'timeline', '#timeline');
    await page.close();
  });
});
