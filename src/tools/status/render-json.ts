// The `--output json` view: the snapshot itself (model.ts, documented in the README), indented,
// one document per run (per frame with --watch, one per line-separated document).
import type { StatusDocument } from './model';

export function renderJson(doc: StatusDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
