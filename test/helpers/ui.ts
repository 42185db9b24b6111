// `kafka-local ui` under test: the command as a child process on an ephemeral port (stopped by
// PID), and a page in Debian's Chromium driven by Playwright (playwright-core: no browser download;
// headless, a fresh user-data-dir, nothing that talks to the network). Screenshots go to a temp dir,
// or to docs/ui when KAFKA_LOCAL_UI_SCREENSHOTS=1 (how the README's pictures are made).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT, spawnTool, tempDir, waitFor, type ToolProcess } from './engine';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Debian's chromium (scripts/test-deps.sh installs it). */
export function chromiumPath(): string {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && fs.existsSync(p)) return p;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('the UI tests need Chromium: run bash scripts/test-deps.sh (apt-get install -y chromium)');
  }
}

export interface UiProcess {
  url: string;
  tool: ToolProcess;
  stop(): Promise<void>;
}

/** Start `kafka-local ui` against `bootstrap` on a free loopback port; resolves once it serves. */
export async function startUi(bootstrap: string, interval = 500, extra: string[] = []): Promise<UiProcess> {
  const tool = spawnTool('kafka-local', ['ui', '--bootstrap-server', bootstrap, '--port', '0', '--interval', String(interval), ...extra], { stdin: 'ignore' });
  const exited = new Promise<void>((r) => tool.proc.on('exit', () => r()));
  const url = await waitFor(() => {
    if (tool.proc.exitCode !== null) throw new Error(`kafka-local ui exited: ${tool.stdout()}${tool.stderr()}`);
    return /live at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(tool.stdout())?.[1];
  }, 20000, 'kafka-local ui to serve');
  return {
    url, tool,
    stop: async () => {
      if (tool.proc.exitCode === null && tool.proc.signalCode === null) process.kill(tool.proc.pid!, 'SIGTERM');
      await exited;
    },
  };
}

export interface Browser {
  context: BrowserContext;
  /** A new page at the view, with its first snapshot drawn. */
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = tempDir('kl-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 760 },
  });
  return {
    context,
    open: async (url) => {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(url);
      await page.waitForFunction(() => ((window as any).__ui?.updates ?? 0) > 0 && document.querySelector('#brokers [data-broker]') !== null, null, { timeout: 15000 });
      if (errors.length > 0) throw new Error(`the page failed: ${errors.join('\n')}`);
      return page;
    },
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

const SHOTS = process.env.KAFKA_LOCAL_UI_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'ui') : tempDir('kl-ui-shots-');

/** A small PNG of part of the page (the README's pictures when KAFKA_LOCAL_UI_SCREENSHOTS=1). */
export async function screenshot(page: Page, name: string, selector = 'main'): Promise<string> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.locator(selector).first().screenshot({ path: file, animations: 'disabled' });
  return file;
}
