// kafka-server-stop --help (or any argument it does not know) prints the usage and stops nothing:
// Kafka's script would stop every broker of the user.
import { describe, expect, it } from 'vitest';
import { canConnect, runTool, spawnEngine } from '../helpers/engine';

describe('kafka-server-stop', () => {
  it('--help and unknown arguments print the usage and leave running engines alone', async () => {
    const engine = await spawnEngine();
    try {
      for (const args of [['--help'], ['-h'], ['--node-id', '1'], ['--bogus']]) {
        // With a node id no engine has: should the usage check ever break, nothing else is stopped.
        const r = await runTool('kafka-server-stop', [...args, '--node-id=987654321']);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/^USAGE: kafka-server-stop \[--node-id=N \| --process-role=/);
      }
      expect(engine.proc.exitCode).toBeNull();
      expect(await canConnect(engine.port)).toBe(true);
    } finally {
      await engine.stop();
    }
  }, 30000);
});
