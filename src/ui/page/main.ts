// The page of `kafka-local ui`: one Server-Sent Events stream of snapshots from the server (which
// alone talks to the cluster), redrawn panel by panel, each panel only when its HTML changed.
// Which topics are drawn open is the page's choice; the stream is reopened with that list so the
// server fetches the tails of those topics only.
import type { UiSnapshot } from '../../tools/ui/snapshot';
import { brokersHtml } from './brokers';
import { configsHtml } from './configs';
import { byId, esc, keyedChildren, setHtml } from './dom';
import { groupsHtml } from './groups';
import { ownership } from './ownership';
import { recordHtml, type Selected } from './record-detail';
import { timelineHtml } from './timeline';
import { partitionHtml, topicCommandsHtml, topicHeadHtml } from './topics';

/** Topics drawn open without being asked (the first ones, by name). */
const AUTO_OPEN = 8;

const state = {
  snap: null as UiSnapshot | null,
  opened: new Set<string>(),
  closed: new Set<string>(),
  selected: null as Selected | null,
  streamTopics: '',
  source: null as EventSource | null,
};

/** What a test or the benchmark can read: updates received and the last render's cost. */
const stats = { updates: 0, renderMs: 0, lastUpdate: 0 };
(window as unknown as { __ui: typeof stats }).__ui = stats;

function openTopics(): string[] {
  const names = state.snap?.status?.topics.map((t) => t.name) ?? [];
  const auto = names.filter((n) => !state.closed.has(n)).slice(0, AUTO_OPEN);
  return names.filter((n) => state.opened.has(n) || auto.includes(n));
}

function connect(): void {
  const topics = openTopics().join(',');
  if (state.source && topics === state.streamTopics) return;
  state.source?.close();
  state.streamTopics = topics;
  const es = new EventSource(`/events?topics=${encodeURIComponent(topics)}`);
  state.source = es;
  es.onmessage = (ev) => {
    if (es !== state.source) return;
    state.snap = JSON.parse(ev.data) as UiSnapshot;
    stats.updates++;
    stats.lastUpdate = Date.now();
    render();
    connect(); // a topic appeared or went: reopen with the new list
  };
  es.onerror = () => setHtml(byId('live'), '<span class="bad">disconnected from kafka-local ui: retrying…</span>');
}

function render(): void {
  const t0 = performance.now();
  const snap = state.snap;
  if (!snap) return;
  const doc = snap.status;
  byId('bootstrap').textContent = snap.bootstrap;
  setHtml(byId('live'), snap.error
    ? `<span class="bad">${esc(snap.error)}</span>`
    : doc ? `<span class="good">live</span> · polled every ${snap.pollMs} ms` : 'connecting…');
  if (!doc) return;
  const own = ownership(doc);
  const open = new Set(openTopics());
  setHtml(byId('brokers'), brokersHtml(doc, snap.bootstrap));
  renderTopics(doc, open, snap, own);
  setHtml(byId('groups'), groupsHtml(doc, own, snap.bootstrap));
  setHtml(byId('configs'), configsHtml(doc, snap.defaults, snap.bootstrap));
  setHtml(byId('timeline'), timelineHtml(snap.timeline, snap.bootstrap));
  renderSelected();
  stats.renderMs = performance.now() - t0;
}

/**
 * Topics: one section per topic and one row per partition of the open ones, each redrawn alone
 * when its HTML changed (a busy partition does not redraw the quiet ones).
 */
function renderTopics(doc: NonNullable<UiSnapshot['status']>, open: Set<string>, snap: UiSnapshot, own: ReturnType<typeof ownership>): void {
  byId('no-topics').hidden = doc.topics.length > 0;
  const alive = new Set(doc.cluster.brokers.filter((b) => b.alive).map((b) => b.id));
  const sections = keyedChildren(byId('topic-list'), doc.topics.map((t) => t.name), (name) => {
    const s = document.createElement('section');
    s.dataset.topic = name;
    s.innerHTML = '<div></div><div></div><div></div>';
    return s;
  });
  doc.topics.forEach((t, i) => {
    const s = sections[i];
    const isOpen = open.has(t.name);
    s.className = `topic ${isOpen ? 'open' : 'closed'}`;
    setHtml(s.children[0], topicHeadHtml(t, isOpen));
    setHtml(s.children[1], isOpen ? topicCommandsHtml(t, snap.bootstrap) : '');
    const shown = isOpen ? t.partitions : [];
    const rows = keyedChildren(s.children[2], shown.map((p) => String(p.partition)), (k) => {
      const d = document.createElement('div');
      d.dataset.tp = `${t.name}:${k}`;
      return d;
    });
    shown.forEach((p, j) => {
      rows[j].className = `partition${p.leaderless ? ' leaderless' : ''}`;
      const tp = `${t.name}:${p.partition}`;
      setHtml(rows[j], partitionHtml(t, p, snap.tails[tp] ?? [], own, alive, state.selected, snap.logEnds?.[tp], snap.accounted?.[tp]));
    });
  });
}

function renderSelected(): void {
  const detail = byId('detail');
  const sel = state.selected;
  const snap = state.snap;
  if (!sel || !snap?.status) {
    detail.hidden = true;
    return;
  }
  const topic = snap.status.topics.find((t) => t.name === sel.topic);
  const rec = snap.tails[`${sel.topic}:${sel.partition}`]?.find((r) => r.offset === sel.offset);
  detail.hidden = false;
  setHtml(detail, recordHtml(sel, rec, topic?.partitionCount ?? 1, snap.bootstrap));
}

document.addEventListener('click', (ev) => {
  const el = ev.target as HTMLElement;
  const copy = el.closest<HTMLElement>('[data-copy]');
  if (copy) {
    void navigator.clipboard?.writeText(copy.dataset.copy!).then(() => { copy.textContent = 'copied'; }, () => undefined);
    return;
  }
  const rec = el.closest<HTMLElement>('[data-record]');
  if (rec) {
    const m = /^(.*):(\d+):(\d+)$/.exec(rec.dataset.record!)!;
    state.selected = { topic: m[1], partition: Number(m[2]), offset: Number(m[3]) };
    render();
    return;
  }
  if (el.closest('[data-close]')) {
    state.selected = null;
    render();
    return;
  }
  const toggle = el.closest<HTMLElement>('[data-toggle]');
  if (toggle) {
    const name = toggle.dataset.toggle!;
    if (openTopics().includes(name)) {
      state.opened.delete(name);
      state.closed.add(name);
    } else {
      state.closed.delete(name);
      state.opened.add(name);
    }
    render();
    connect();
  }
});

connect();
