// Writes oclif.manifest.json (what `oclif manifest` writes) so the kafka-local CLI does not load
// every command module to list them. Uses @oclif/core's own loader instead of the oclif CLI
// package, whose current major needs Node 22.
import { writeFileSync, rmSync } from 'node:fs';
import { Config } from '@oclif/core';
// oclif reads an existing manifest instead of the commands: start from none.
rmSync('oclif.manifest.json', { force: true });
const config = await Config.load({ root: process.cwd() });
const plugin = config.plugins.get(config.pjson.name);
writeFileSync('oclif.manifest.json', JSON.stringify(plugin.manifest, null, 2) + '\n');
console.log(`oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands`);
