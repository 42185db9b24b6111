// kcat (librdkafka's CLI) as a test client: one run, its exit code and output, killed after a
// deadline so a hung kcat fails the test instead of stalling the suite.
import { spawn } from 'node:child_process';

export interface KcatResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runKcat(bootstrap: string, args: string[], input?: string | Buffer, timeoutMs = 30000): Promise<KcatResult> {
  return new Promise((resolve, reject) => {
    const p = spawn('kcat', ['-b', bootstrap, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // Decode as streams: a multi-byte character may be split across chunks.
    p.stdout.setEncoding('utf8');
    p.stderr.setEncoding('utf8');
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`kcat ${args.join(' ')} timed out: ${stderr}`)); }, timeoutMs);
    p.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    p.on('error', (e) => { clearTimeout(timer); reject(e); });
    p.stdin.on('error', () => undefined); // kcat may exit before reading its input
    p.stdin.end(input ?? '');
  });
}
