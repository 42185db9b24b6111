// Small helpers for building the page as HTML text (each panel is redrawn only when its text changes).

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Replace an element's content only when it differs (keeps hover, focus and scroll otherwise). */
export function setHtml(el: Element, html: string): void {
  if ((el as HTMLElement).dataset.html === html) return;
  (el as HTMLElement).dataset.html = html;
  el.innerHTML = html;
}

export const byId = (id: string): HTMLElement => document.getElementById(id)!;
