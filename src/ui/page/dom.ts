// Small helpers for building the page as HTML text (each panel is redrawn only when its text changes).

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Replace an element's content only when it differs (keeps hover, focus and scroll otherwise). */
const drawn = new WeakMap<Element, string>();
export function setHtml(el: Element, html: string): void {
  if (drawn.get(el) === html) return;
  drawn.set(el, html);
  el.innerHTML = html;
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
