// The cost of `kafka-local ui` (issue 13): an engine with 100 topics x 10 partitions and our
// Producer sending 10,000 records/s (100-byte values, 50 keys, every 10 ms a burst of 100 spread
// over all topics), measured in windows of the same length, alternating: the view running with
// no page open (it polls nothing then), then a page open in Chromium (the view polls every 500 ms
// and fetches the tails of the 8 topics the page draws open), closed, open, ... closed.
// Before the producer starts, one window without and one with a page open measure the view's own
// cost on the engine with nothing else going on.
// Reported: the engine's CPU (utime+stime from /proc) in each window, the view's share
// (per page-open window: its engine CPU minus the mean of the closed windows beside it, over its
// engine CPU, the median of these; and the quiet cost over the busy engine's CPU; target < 5%),
// the Kafka requests per second
// the view sends (counted in the view's process by wrapping BrokerConnection.send), the view's own
// CPU, and then the page's frame time (requestAnimationFrame intervals, render time per update)
// while 1,000 records/s arrive in the topics it draws.
// Run after `npm run build` with Chromium installed:  node bench/ui.mjs [seconds=10] [pairs=4]
// Writes bench/results.json under "ui" (merged with what is there).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { root, startEngine, median } from './lib.mjs';

const require = createRequire(import.meta.url);

if (process.argv[2] === 'serve') {
  // The view as its own process, counting every request it sends to the cluster.
  const { BrokerConnection } = require(join(root, 'dist/client/connection'));
  let requests = 0;
  const send = BrokerConnection.prototype.send;
  BrokerConnection.prototype.send = function counted(...args) { requests++; return send.apply(this, args); };
  setInterval(() => process.stdout.write(`stats ${JSON.stringify({ requests })}\n`), 250).unref();
  const { main } = require(join(root, 'dist/tools/kafka-local-ui'));
  const io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
  process.exitCode = await main(process.argv.slice(3), io);
  process.exit();
}

const SECONDS = Number(process.argv[2] ?? 10);
// Pairs of busy windows (no page, page open): the machine's own noise between windows is several
// points of a core, so the view's share is the median over pairs of adjacent windows.
const PAIRS = Number(process.argv[3] ?? 4);
const TOPICS = 100;
const PARTITIONS = 10;
const name = (i) => `t${String(i).padStart(3, '0')}`;
const { Producer, producerSettings } = require(join(root, 'dist/client/producer'));
const { Admin } = require(join(root, 'dist/client/admin'));
const { chromium } = require('playwright-core');

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Our Producer at `rate` records/s into the topics `topicOf(i)` names; stop() ends it. */
function paced(bootstrap, rate, topicOf) {
  const producer = new Producer({ settings: producerSettings(new Map([['bootstrap.servers', bootstrap], ['linger.ms', '5']])) });
  const value = Buffer.alloc(100, 'x');
  const keys = Array.from({ length: 50 }, (_, i) => Buffer.from(`key-${i}`));
  let i = 0;
  let stopped = false;
  const burst = rate / 100;
  const loop = (async () => {
    let next = Date.now();
    while (!stopped) {
      for (let n = 0; n < burst; n++, i++) {
        const k = keys[i % keys.length];
        const r = producer.send(topicOf(i), k, 0, k.length, value, 0, value.length);
        if (r !== undefined) await r;
      }
      next += 10;
      const wait = next - Date.now();
      if (wait > 0) await sleep(wait);
      // A stall (metadata at start, a slow reply) is not made up for by a burst: every window
      // should see the same rate, or the windows' CPU differs by the producer and not the view.
      else if (wait < -100) next = Date.now();
    }
    await producer.flush();
    await producer.close();
  })();
  return { sent: () => i, stop: async () => { stopped = true; await loop; } };
}

async function window(label, engine, view, producer) {
  const p0 = producer.sent();
  const e0 = cpuSeconds(engine.proc.pid);
  const v0 = cpuSeconds(view.proc.pid);
  const r0 = view.requests;
  const t0 = Date.now();
  await sleep(SECONDS * 1000);
  const s = (Date.now() - t0) / 1000;
  const w = {
    engineCpuPercent: +((100 * (cpuSeconds(engine.proc.pid) - e0)) / s).toFixed(1),
    viewCpuPercent: +((100 * (cpuSeconds(view.proc.pid) - v0)) / s).toFixed(1),
    viewRequestsPerSec: +((view.requests - r0) / s).toFixed(1),
    producerRecordsPerSec: Math.round((producer.sent() - p0) / s),
  };
  console.log(`${label}: engine ${w.engineCpuPercent}% CPU, view ${w.viewCpuPercent}% CPU, ${w.viewRequestsPerSec} Kafka requests/s from the view`);
  return w;
}

const engine = await startEngine({ prefix: 'kl-bench-ui-' });
const result = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverageAtStart: +loadavg()[0].toFixed(1), topics: TOPICS, partitionsPerTopic: PARTITIONS, seconds: SECONDS };
let view;
let context;
const profile = mkdtempSync(join(tmpdir(), 'kl-bench-chromium-'));
try {
  const admin = new Admin({ bootstrap: [{ host: '127.0.0.1', port: engine.port }] });
  const errors = await admin.createTopics(Array.from({ length: TOPICS }, (_, i) => ({ name: name(i), numPartitions: PARTITIONS, replicationFactor: 1 })));
  for (const [t, e] of errors) if (e) throw new Error(`create ${t}: ${e.message}`);
  admin.close();

  const proc = spawn(process.execPath, [join(root, 'bench/ui.mjs'), 'serve', '--bootstrap-server', engine.bootstrap, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  view = { proc, requests: 0, url: null };
  let out = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (d) => {
    out += d;
    const lines = out.split('\n');
    out = lines.pop();
    for (const l of lines) {
      if (l.startsWith('stats ')) view.requests = JSON.parse(l.slice(6)).requests;
      const m = /live at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(l);
      if (m) view.url = m[1];
    }
  });
  while (!view.url) await sleep(20);

  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // First without the producer: the view's own cost on the engine, apart from the producer's noise.
  const none = { sent: () => 0 };
  const quietClosed = await window('no producer, no page open', engine, view, none);
  const quietPage = await context.newPage();
  await quietPage.goto(view.url);
  await quietPage.waitForFunction(() => window.__ui && window.__ui.updates > 0, null, { timeout: 30000 });
  const quietOpen = await window('no producer, page open', engine, view, none);
  await quietPage.close();
  result.noProducer = { noPage: quietClosed, pageOpen: quietOpen, viewEngineCpuPercent: +(quietOpen.engineCpuPercent - quietClosed.engineCpuPercent).toFixed(1) };

  const producer = paced(engine.bootstrap, 10000, (i) => name(i % TOPICS));
  await sleep(8000); // the producer's first seconds catch up with metadata and batches
  // Alternating windows, so a change in the machine's load does not read as the view's cost.
  const closed = [];
  const opened = [];
  for (const phase of [...Array.from({ length: PAIRS }, () => ['closed', 'open']).flat(), 'closed']) {
    if (phase === 'closed') {
      closed.push(await window('no page open', engine, view, producer));
      continue;
    }
    const page = await context.newPage();
    await page.goto(view.url);
    await page.waitForFunction(() => document.querySelectorAll('[data-record]').length > 0, null, { timeout: 60000 }).catch(async (e) => {
      throw new Error(`${e.message}; the page: ${await page.evaluate(() => JSON.stringify({ ui: window.__ui, live: document.getElementById('live')?.textContent, open: document.querySelectorAll('section.topic.open').length, rows: document.querySelectorAll('.partition').length, cells: document.querySelectorAll('.cell').length }))}`);
    });
    opened.push(await window('page open', engine, view, producer));
    await page.close();
  }
  await producer.stop();
  const mean = (ws, k) => +(ws.reduce((a, w) => a + w[k], 0) / ws.length).toFixed(1);
  const summary = (ws) => ({
    engineCpuPercent: mean(ws, 'engineCpuPercent'), viewCpuPercent: mean(ws, 'viewCpuPercent'),
    viewRequestsPerSec: mean(ws, 'viewRequestsPerSec'), producerRecordsPerSec: Math.round(mean(ws, 'producerRecordsPerSec')), windows: ws,
  });
  result.noPage = summary(closed);
  result.pageOpen = summary(opened);
  // Each page-open window against the mean of the windows just before and after it.
  const shares = opened.map((o, i) => (100 * (o.engineCpuPercent - (closed[i].engineCpuPercent + closed[i + 1].engineCpuPercent) / 2)) / o.engineCpuPercent);
  result.viewSharePerPairPercent = shares.map((x) => +x.toFixed(1));
  result.viewShareOfEngineCpuPercent = +Math.max(0, median(shares)).toFixed(1);
  // The same share from the quiet measurement: what the view costs the engine, over what the
  // engine spends with the producer and the page (less noisy than the difference of busy windows).
  result.viewShareFromQuietPercent = +Math.max(0, (100 * result.noProducer.viewEngineCpuPercent) / result.pageOpen.engineCpuPercent).toFixed(1);
  console.log(`the view's share of the engine's CPU: ${result.viewShareOfEngineCpuPercent}% from busy windows, ${result.viewShareFromQuietPercent}% from its quiet cost (target < 5%)`);

  // Frame time while 1,000 records/s arrive in the 8 topics the page draws open.
  const page2 = await context.newPage();
  await page2.goto(view.url);
  await page2.waitForFunction(() => window.__ui && window.__ui.updates > 0, null, { timeout: 30000 });
  const slow = paced(engine.bootstrap, 1000, (i) => name(i % 8));
  await sleep(2000);
  const frames = await page2.evaluate((ms) => new Promise((resolve) => {
    const deltas = [];
    const renders = [];
    let updates = window.__ui.updates;
    let last = performance.now();
    const end = last + ms;
    const tick = (now) => {
      deltas.push(now - last);
      last = now;
      if (window.__ui.updates !== updates) { updates = window.__ui.updates; renders.push(window.__ui.renderMs); }
      if (now < end) requestAnimationFrame(tick);
      else resolve({ deltas, renders });
    };
    requestAnimationFrame(tick);
  }), SECONDS * 1000);
  await slow.stop();
  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  result.frames = {
    recordsPerSec: 1000, frames: frames.deltas.length,
    frameMsMedian: +median(frames.deltas).toFixed(1), frameMsP95: +pct(frames.deltas, 0.95).toFixed(1), frameMsMax: +Math.max(...frames.deltas).toFixed(1),
    updates: frames.renders.length, renderMsMedian: +median(frames.renders).toFixed(1), renderMsMax: +Math.max(...frames.renders).toFixed(1),
  };
  console.log(`frames with 1,000 records/s arriving: ${JSON.stringify(result.frames)}`);
} finally {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  if (view) { view.proc.kill('SIGTERM'); await new Promise((r) => (view.proc.exitCode !== null ? r() : view.proc.once('exit', r))); }
  await engine.stop();
}
result.loadAverageAtEnd = +loadavg()[0].toFixed(1);
let previous = {};
try { previous = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')); } catch { /* first run */ }
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ ...previous, ui: result }, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
