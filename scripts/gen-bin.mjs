// Writes bin/<tool> and bin/<tool>.sh launchers and the package.json "bin" map from one list,
// so the two can never disagree. Run by hand when a tool is added (the outputs are committed).
import { writeFileSync, readFileSync, chmodSync } from 'node:fs';
const tools = [
  'kafka-topics', 'kafka-console-producer', 'kafka-console-consumer', 'kafka-consumer-groups', 'kafka-configs',
  'kafka-get-offsets', 'kafka-delete-records', 'kafka-server-start', 'kafka-server-stop',
  'kafka-broker-api-versions', 'kafka-metadata-quorum', 'kafka-log-dirs', 'kafka-leader-election', 'kafka-reassign-partitions',
  'kafka-producer-perf-test', 'kafka-consumer-perf-test', 'kafka-e2e-latency',
  'kafka-storage', 'zookeeper-server-start', 'zookeeper-server-stop', 'kafka-dump-log',
  'connect-standalone', 'kafka-run-class', 'kafka-transactions',
];
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
pkg.bin = { 'kafka-local': 'bin/kafka-local' };
for (const t of tools) {
  for (const name of [t, `${t}.sh`]) {
    const file = `bin/${name}`;
    writeFileSync(file, `#!/usr/bin/env node\n'use strict';\nrequire('../dist/cli/launch').launch('${t}');\n`);
    chmodSync(file, 0o755);
    pkg.bin[name] = file;
  }
}
writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
