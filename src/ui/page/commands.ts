// The console command that prints the same facts as each panel: the view teaches the syntax.
import { esc } from './dom';

export const commands = {
  brokers: (b: string) => `kafka-broker-api-versions --bootstrap-server ${b} | grep '^[^ ]'`,
  quorum: (b: string) => `kafka-metadata-quorum --bootstrap-server ${b} describe --status`,
  topic: (b: string, t: string) => `kafka-topics --bootstrap-server ${b} --describe --topic ${t}`,
  offsets: (b: string, t: string) => `kafka-get-offsets --bootstrap-server ${b} --topic ${t} --time -2 && kafka-get-offsets --bootstrap-server ${b} --topic ${t} --time -1`,
  tail: (b: string, t: string) => `kafka-console-consumer --bootstrap-server ${b} --topic ${t} --from-beginning --property print.key=true --property print.partition=true --property print.offset=true`,
  record: (b: string, t: string, p: number, o: number) => `kafka-console-consumer --bootstrap-server ${b} --topic ${t} --partition ${p} --offset ${o} --max-messages 1 --property print.key=true --property print.value=true --property print.headers=true --property print.timestamp=true --property print.partition=true --property print.offset=true`,
  groups: (b: string) => `kafka-consumer-groups --bootstrap-server ${b} --list --state`,
  group: (b: string, g: string) => `kafka-consumer-groups --bootstrap-server ${b} --describe --group ${g}`,
  members: (b: string, g: string) => `kafka-consumer-groups --bootstrap-server ${b} --describe --group ${g} --members --verbose`,
  configs: (b: string, t: string) => `kafka-configs --bootstrap-server ${b} --describe --entity-type topics --entity-name ${t} --all`,
  timeline: (b: string) => `kafka-local status --bootstrap-server ${b} --watch 1`,
  produce: (b: string, t: string) => `kafka-console-producer --bootstrap-server ${b} --topic ${t} --property parse.key=true --property key.separator=:`,
};

/** A copyable command line (the copy button is handled once for the page in main.ts). */
export const commandLine = (cmd: string): string =>
  `<div class="cmd"><code>$ ${esc(cmd)}</code><button class="copy" data-copy="${esc(cmd)}" title="copy">copy</button></div>`;
