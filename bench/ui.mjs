// The cost of `kafka-local ui` (issue 13): an engine with 100 topics x 10 partitions and our
// Producer sending 10,000 records/s (100-byte values, every 10 ms a burst of 100, one to each
// topic, the key changing every burst among 50, so every partition gets records), and the view
// with a page open in Chromium (the view polls every 500 ms and fetches the tails of the 8 topics
// the page draws open) or none (it polls nothing then).
// Measured three ways, because the machine's noise between windows (other processes on 2 cores,
// the engine's own storage work) is larger than the view's cost:
// 1. no producer: windows of the same length alternating page closed / open / closed ...; per
//    page-open window, its engine CPU minus the mean of the closed windows beside it (the page
//    has had its first update before the window starts: opening costs one full gather);
// 2. the same with the producer at 10,000 records/s (noisy: reported, not compared);
// 3. with the producer, the requests the view sends for a page showing the first 8 topics (an
//    event stream read by this script: Chromium's drawing would take CPU from the view and slow
//    its polls) are kept by the view's process for a window and, once the producer has stopped,
//    sent again alone kind by kind on the same engine (at least 300 of each, the idle engine's
//    CPU taken off): the engine's CPU per request, per poll and per second as the view polled
//    then (slower than every 500 ms on a loaded machine), and the kept Fetches once more asking
//    0 bytes: the difference is what the records of the tails cost.
// Compared with the target (< 5% of the engine's CPU with the producer and the page open;
// `comparedWithTarget` in bench/results.json says so): 1 (polls every 500 ms, no records) plus
// the records' part from 3. The replay alone leaves out what waking up for each poll costs an
// engine that was idle (1 has it), 1 alone the records.
// Reported too: the engine's CPU (utime+stime from /proc) in each window, the Kafka requests per
// second the view sends (counted in the view's process by wrapping BrokerConnection.send), the
// view's own CPU, and the page's frame time (requestAnimationFrame intervals, render time per
// update) while 1,000 records/s arrive in the topics it draws.
// Run after `npm run build` with Chromium installed:  node bench/ui.mjs [seconds=5] [pairs=8]
// (windows of 5 s hold one of the view's 5-second reads of configs, sizes and closed topics).
// Writes bench/results.json under "ui" (merged with what is there).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import http from 'node:http';
import { root, startEngine, median } from './lib.mjs';

const require = createRequire(import.meta.url);

if (process.argv[2] === 'serve') {
  // The view as its own process, counting every request it sends to the cluster; on "capture"
  // (stdin) it keeps the requests it sends until "stop", and on "replay N" sends those again N
  // times, one after the other on one new connection, and says when it is done: the engine's CPU
  // over that replay is what the view's requests cost it, without the producer's noise.
  const { BrokerConnection } = require(join(root, 'dist/client/connection'));
  let requests = 0;
  let captured = null;
  const send = BrokerConnection.prototype.send;
  BrokerConnection.prototype.send = function counted(...args) { requests++; return send.apply(this, args); };
  const request = BrokerConnection.prototype.request;
  BrokerConnection.prototype.request = function kept(apiKey, version, body) {
    const answer = request.call(this, apiKey, version, body);
    if (captured && apiKey !== 18) { // not ApiVersions
      const kept = { host: this.host, port: this.port, apiKey, version, body: structuredClone(body) };
      captured.push(kept);
      // A Fetch sent again later would find more records past its offsets than it did: each
      // partition is asked for no more bytes than it got then.
      if (apiKey === 1) {
        answer.then((resp) => {
          const got = new Map();
          for (const t of resp.responses ?? []) for (const p of t.partitions) got.set(`${t.topic}:${p.partitionIndex}`, p.records?.length ?? 0);
          for (const t of kept.body.topics) for (const p of t.partitions) p.partitionMaxBytes = got.get(`${t.topic}:${p.partition}`) ?? 0;
        }, () => undefined);
      }
    }
    return answer;
  };
  setInterval(() => process.stdout.write(`stats ${JSON.stringify({ requests })}\n`), 250).unref();
  const { main } = require(join(root, 'dist/tools/kafka-local-ui'));
  const io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', async (d) => {
    input += d;
    const lines = input.split('\n');
    input = lines.pop();
    for (const l of lines) {
      if (l === 'capture') captured = [];
      else if (l === 'stop') {
        const byApi = {};
        for (const r of captured) byApi[r.apiKey] = (byApi[r.apiKey] ?? 0) + 1;
        process.stdout.write(`captured ${JSON.stringify({ count: captured.length, byApi })}\n`);
        replayable = captured;
        captured = null;
      } else if (l.startsWith('replay ')) {
        const [times, only, empty] = l.slice(7).split(' ');
        // "empty": each Fetch asks 0 bytes of each partition (what a Fetch costs without records).
        const replaying = replayable.filter((r) => only === undefined || r.apiKey === Number(only))
          .map((r) => (empty && r.apiKey === 1 ? { ...r, body: { ...r.body, topics: r.body.topics.map((t) => ({ ...t, partitions: t.partitions.map((p) => ({ ...p, partitionMaxBytes: 0 })) })) } } : r));
        const conns = new Map();
        for (const r of replaying) {
          const key = `${r.host}:${r.port}`;
          if (!conns.has(key)) { const c = new BrokerConnection(r.host, r.port, 'kafka-local-ui-replay'); await c.connect(); conns.set(key, c); }
        }
        process.stdout.write('replay connected\n');
        await new Promise((r) => process.stdin.once('data', r)); // "go": the bench has read the engine's CPU
        const t0 = Date.now();
        for (let i = 0; i < Number(times); i++) for (const r of replaying) await conns.get(`${r.host}:${r.port}`).request(r.apiKey, r.version, r.body).catch(() => undefined);
        process.stdout.write(`replayed ${JSON.stringify({ requests: Number(times) * replaying.length, ms: Date.now() - t0 })}\n`);
        for (const c of conns.values()) c.close();
      }
    }
  });
  let replayable = [];
  process.exitCode = await main(process.argv.slice(3), io);
  process.exit();
}

const SECONDS = Number(process.argv[2] ?? 5);
// Pairs of busy windows (no page, page open): the machine's own noise between windows is several
// points of a core, so the view's share is the median over pairs of adjacent windows.
const PAIRS = Number(process.argv[3] ?? 8);
const TOPICS = 100;
const PARTITIONS = 10;
const name = (i) => `t${String(i).padStart(3, '0')}`;
const { Producer, producerSettings } = require(join(root, 'dist/client/producer'));
const { Admin } = require(join(root, 'dist/client/admin'));
const { chromium } = require('playwright-core');
const { ApiKey } = require(join(root, 'dist/protocol/apis'));
const apiName = (k) => Object.keys(ApiKey).find((n) => ApiKey[n] === k) ?? String(k);

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
        const k = keys[Math.floor(i / 100) % keys.length];
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
    seconds: +s.toFixed(2),
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

  const proc = spawn(process.execPath, [join(root, 'bench/ui.mjs'), 'serve', '--bootstrap-server', engine.bootstrap, '--port', '0'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = [];
  view = {
    proc, requests: 0, url: null,
    tell: (line) => proc.stdin.write(`${line}\n`),
    /** The JSON after the next line that starts with `prefix`. */
    next: (prefix) => new Promise((resolve) => waiting.push({ prefix, resolve })),
  };
  let out = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (d) => {
    out += d;
    const lines = out.split('\n');
    out = lines.pop();
    for (const l of lines) {
      if (l.startsWith('stats ')) view.requests = JSON.parse(l.slice(6)).requests;
      const w = waiting.findIndex((x) => l.startsWith(x.prefix));
      if (w >= 0) { const rest = l.slice(waiting[w].prefix.length); waiting.splice(w, 1)[0].resolve(rest.startsWith('{') ? JSON.parse(rest) : rest); }
      const m = /live at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(l);
      if (m) view.url = m[1];
    }
  });
  while (!view.url) await sleep(20);

  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // Alternating windows, so a drift in the machine's load does not read as the view's cost: each
  // page-open window against the mean of the closed windows just before and after it.
  const mean = (xs) => xs.reduce((x, y) => x + y, 0) / xs.length;
  const round = (x) => +x.toFixed(1);
  async function alternate(label, producer) {
    const closed = [];
    const opened = [];
    for (const phase of [...Array.from({ length: PAIRS }, () => ['closed', 'open']).flat(), 'closed']) {
      if (phase === 'closed') {
        closed.push(await window(`${label}, no page open`, engine, view, producer));
        continue;
      }
      const page = await context.newPage();
      await page.goto(view.url);
      await page.waitForFunction((busy) => window.__ui && window.__ui.updates > 0 && (!busy || document.querySelectorAll('[data-record]').length > 0), producer !== none, { timeout: 60000 }).catch(async (e) => {
        throw new Error(`${e.message}; the page: ${await page.evaluate(() => JSON.stringify({ ui: window.__ui, live: document.getElementById('live')?.textContent, open: document.querySelectorAll('section.topic.open').length, rows: document.querySelectorAll('.partition').length, cells: document.querySelectorAll('.cell').length }))}`);
      });
      await sleep(1000); // the first poll after a page opens reads everything: not the steady cost
      opened.push(await window(`${label}, page open`, engine, view, producer));
      await page.close();
    }
    const differences = opened.map((o, i) => o.engineCpuPercent - (closed[i].engineCpuPercent + closed[i + 1].engineCpuPercent) / 2);
    const summary = (ws, k) => round(mean(ws.map((w) => w[k])));
    return {
      noPage: { engineCpuPercent: summary(closed, 'engineCpuPercent'), windows: closed },
      pageOpen: {
        engineCpuPercent: summary(opened, 'engineCpuPercent'), viewCpuPercent: summary(opened, 'viewCpuPercent'),
        viewRequestsPerSec: summary(opened, 'viewRequestsPerSec'), producerRecordsPerSec: Math.round(summary(opened, 'producerRecordsPerSec')), windows: opened,
      },
      /** Per pair: the page-open window's engine CPU minus the mean of the closed ones beside it (points of a core). */
      viewEngineCpuPercentPerPair: differences.map(round),
      viewEngineCpuPercentMedian: round(median(differences)),
    };
  }

  // 1. No producer: what a page open costs the engine with nothing else going on.
  const none = { sent: () => 0 };
  // A page open once, not measured: the engine's first answers to the view's requests compile
  // their code (the first page-open window read 3-4 times the others).
  const warm = await context.newPage();
  await warm.goto(view.url);
  await warm.waitForFunction(() => window.__ui && window.__ui.updates > 0, null, { timeout: 60000 });
  await sleep(SECONDS * 1000);
  await warm.close();
  await sleep(1500);
  result.noProducer = await alternate('no producer', none);

  // 2. The producer at 10,000 records/s; the view's requests of the first page-open window are kept.
  const producer = paced(engine.bootstrap, 10000, (i) => name(i % TOPICS));
  // Our Producer looks up a topic's partitions at its first record to it: over 100 topics it sends
  // ~10 records/s for its first ~10 s. The windows start once it keeps its rate.
  for (let before = producer.sent(), until = Date.now() + 120000; Date.now() < until;) {
    await sleep(1000);
    const now = producer.sent();
    if (now - before >= 9500) break;
    before = now;
  }
  await sleep(2000);
  // The requests the view sends for a page showing the first 8 topics (what the page draws open),
  // kept for the replay: the stream is read here rather than by Chromium, whose drawing would take
  // CPU from the view and the engine on this machine and slow the view's polls.
  const stream = await new Promise((resolve, reject) => {
    const req = http.get(`${view.url}events?topics=${Array.from({ length: 8 }, (_, i) => name(i)).join(',')}`, (res) => { res.resume(); resolve(req); });
    req.on('error', reject);
  });
  await sleep(1500); // past the first poll, which reads everything
  view.tell('capture');
  const capture = await window('producer at 10k/s, the view\'s requests kept', engine, view, producer);
  const capturedP = view.next('captured ');
  view.tell('stop');
  const captureSeconds = { seconds: capture.seconds };
  stream.destroy();
  await sleep(1500);
  result.producer = await alternate('producer at 10k/s', producer);
  await producer.stop();
  const busyEngine = result.producer.pageOpen.engineCpuPercent;
  result.producer.viewSharePerPairPercent = result.producer.viewEngineCpuPercentPerPair.map((d, i) => round((100 * d) / result.producer.pageOpen.windows[i].engineCpuPercent));
  result.producer.viewShareMedianPercent = round(median(result.producer.viewSharePerPairPercent));

  // 3. The same requests replayed on the engine with nothing else running: the engine's CPU per
  // second of the view's polling, measured with the producer's noise gone.
  await sleep(2000);
  const captured = await capturedP;
  const idle = await window('idle before the replay', engine, view, none);
  // At least this many of each kind of request (the engine's CPU is read in 10 ms clock ticks).
  const atLeast = Math.max(1, Math.round(Number(process.env.REPLAY ?? 300)));
  /** The engine's CPU seconds per request over replays of the captured requests with API key `apiKey`. */
  async function replay(apiKey, times, empty = '') {
    view.tell(`replay ${times} ${apiKey} ${empty}`.trim());
    await view.next('replay connected');
    const e0 = cpuSeconds(engine.proc.pid);
    const t0 = Date.now();
    const done = view.next('replayed ');
    view.tell('go');
    const replayed = await done;
    const wall = (Date.now() - t0) / 1000;
    return Math.max(0, cpuSeconds(engine.proc.pid) - e0 - (idle.engineCpuPercent / 100) * wall) / replayed.requests;
  }
  // Each kind of request alone, then summed as often as the view sent it.
  const byApi = {};
  let engineCpu = 0; // seconds, for the captured window's requests
  let recordsCpu = 0; // seconds, of those the Fetch's records
  for (const [k, n] of Object.entries(captured.byApi)) {
    const each = await replay(Number(k), Math.ceil(atLeast / n));
    engineCpu += each * n;
    byApi[apiName(Number(k))] = { requests: n, engineCpuMsPerRequest: +(1000 * each).toFixed(2) };
    if (Number(k) === ApiKey.Fetch) {
      // The part of the tail Fetch that carries the records: what a page adds to a busy engine
      // beyond what the same page costs an engine without records (the quiet pairs).
      const empty = await replay(ApiKey.Fetch, Math.ceil(atLeast / n), 'empty');
      byApi.Fetch.engineCpuMsPerRequestWithoutRecords = +(1000 * empty).toFixed(2);
      recordsCpu = Math.max(0, each - empty) * n;
    }
  }
  const polls = captured.byApi[ApiKey.ListGroups] ?? 0; // one ListGroups per poll
  result.replay = {
    capturedSeconds: round(captureSeconds.seconds), capturedRequests: captured.count, polls, pollsPerSecond: +(polls / captureSeconds.seconds).toFixed(2),
    producerRecordsPerSec: capture.producerRecordsPerSec, idleEngineCpuPercent: idle.engineCpuPercent, byApi,
    engineCpuMsPerPoll: +((1000 * engineCpu) / polls).toFixed(2),
    /** The engine's CPU for the view's requests per second of the captured window (as fast as the view polled then). */
    viewEngineCpuPercent: +((100 * engineCpu) / captureSeconds.seconds).toFixed(2),
    /** The tail Fetch's records, per second of the window (whatever the poll rate, they are the records that arrived). */
    recordsEngineCpuPercent: +((100 * recordsCpu) / captureSeconds.seconds).toFixed(2),
  };
  // At the nominal poll rate: what a page costs an engine without records (the quiet pairs, which
  // poll every 500 ms) plus the records its tail Fetch carries with the producer (the replay).
  result.viewEngineCpuPercent = round(Math.max(0, result.noProducer.viewEngineCpuPercentMedian) + result.replay.recordsEngineCpuPercent);
  result.viewShareOfEngineCpuPercent = round((100 * result.viewEngineCpuPercent) / busyEngine);
  result.viewShareAsPolledPercent = round((100 * result.replay.viewEngineCpuPercent) / busyEngine);
  result.viewShareFromQuietPairsPercent = round((100 * Math.max(0, result.noProducer.viewEngineCpuPercentMedian)) / busyEngine);
  result.targetPercent = 5;
  result.comparedWithTarget = 'viewShareOfEngineCpuPercent: viewEngineCpuPercent (the median over the quiet pairs of the engine CPU with a page open minus the closed windows beside it, polling every 500 ms without records, plus the engine CPU of the records the tail Fetch carried with the producer running: its captured Fetches replayed alone with and without their bytes) over the engine\'s CPU in the page-open windows with the producer. viewShareAsPolledPercent: all the view\'s requests kept with the producer running, replayed alone, per second as the view polled then (under load it polls less often than every 500 ms). producer.viewShareMedianPercent, the same pairs with the producer, is not compared: the machine\'s noise between windows is larger than the view, and Chromium drawing the page takes CPU from the engine on 2 cores (the engine then batches more and spends less).';
  console.log(`the view's share of the engine's CPU: ${result.viewShareOfEngineCpuPercent}% (quiet pairs ${result.viewShareFromQuietPairsPercent}% plus the tail's records; replayed as polled ${result.viewShareAsPolledPercent}%; busy pairs ${result.producer.viewShareMedianPercent}%, not compared; target < 5%)`);

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
  }), Math.max(SECONDS, 10) * 1000);
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
