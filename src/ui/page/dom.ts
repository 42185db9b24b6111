// Small helpers for building the page as HTML text (each panel is redrawn only when its text changes).
import morphdom from 'morphdom';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * Make an element's content `html`, only when it differs (keeps hover, focus and scroll otherwise),
 * by updating the nodes already there (morphdom): a partition row whose window moved on by one
 * record changes the text and colour of its cells instead of being rebuilt cell by cell.
 */
const drawn = new WeakMap<Element, string>();
export function setHtml(el: Element, html: string): void {
  const before = drawn.get(el);
  if (before === html) return;
  drawn.set(el, html);
  if (before === undefined || el.childElementCount === 0) {
    el.innerHTML = html;
    return;
  }
  const next = document.createElement(el.tagName);
  next.innerHTML = html;
  morphdom(el, next, { childrenOnly: true });
}

/**
 * Make `parent`'s children the elements for `keys`, in order, creating missing ones with `make`
 * and removing the others; each keeps its content (and is redrawn alone) while its key stays.
 */
export function keyedChildren(parent: Element, keys: string[], make: (key: string) => HTMLElement): HTMLElement[] {
  const existing = new Map<string, HTMLElement>();
  for (const c of [...parent.children] as HTMLElement[]) existing.set(c.dataset.key ?? '', c);
  const out = keys.map((k) => {
    let el = existing.get(k);
    if (el) existing.delete(k);
    else {
      el = make(k);
      el.dataset.key = k;
    }
    return el;
  });
  for (const el of existing.values()) el.remove();
  out.forEach((el, i) => {
    if (parent.children[i] !== el) parent.insertBefore(el, parent.children[i] ?? null);
  });
  return out;
}

export const byId = (id: string): HTMLElement => document.getElementById(id)!;
