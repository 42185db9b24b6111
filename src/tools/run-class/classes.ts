// The Java main classes kafka-run-class knows here: the classes Kafka's own scripts run (current
// and 2.x names, see test/reference/tools.tsv), each mapped to our tool of the same script, and
// the Streams WordCount demo. A tool counts as available when its module is built.
export const WORDCOUNT_CLASS = 'org.apache.kafka.streams.examples.wordcount.WordCountDemo';

/** Main class -> our tool (the script name, without .sh). */
export const CLASS_TOOLS: ReadonlyMap<string, string> = new Map([
  ['kafka.Kafka', 'kafka-server-start'],
  ['org.apache.kafka.tools.TopicCommand', 'kafka-topics'], ['kafka.admin.TopicCommand', 'kafka-topics'],
  ['org.apache.kafka.tools.ConsoleProducer', 'kafka-console-producer'], ['kafka.tools.ConsoleProducer', 'kafka-console-producer'],
  ['org.apache.kafka.tools.consumer.ConsoleConsumer', 'kafka-console-consumer'], ['kafka.tools.ConsoleConsumer', 'kafka-console-consumer'],
  ['org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', 'kafka-consumer-groups'], ['kafka.admin.ConsumerGroupCommand', 'kafka-consumer-groups'],
  ['org.apache.kafka.tools.ConfigCommand', 'kafka-configs'], ['kafka.admin.ConfigCommand', 'kafka-configs'],
  ['org.apache.kafka.tools.GetOffsetShell', 'kafka-get-offsets'], ['kafka.tools.GetOffsetShell', 'kafka-get-offsets'],
  ['org.apache.kafka.tools.DeleteRecordsCommand', 'kafka-delete-records'], ['kafka.admin.DeleteRecordsCommand', 'kafka-delete-records'],
  ['org.apache.kafka.tools.ProducerPerformance', 'kafka-producer-perf-test'],
  ['org.apache.kafka.tools.ConsumerPerformance', 'kafka-consumer-perf-test'], ['kafka.tools.ConsumerPerformance', 'kafka-consumer-perf-test'],
  ['kafka.tools.StorageTool', 'kafka-storage'],
  ['org.apache.kafka.tools.LeaderElectionCommand', 'kafka-leader-election'], ['kafka.admin.LeaderElectionCommand', 'kafka-leader-election'],
  ['org.apache.kafka.tools.reassign.ReassignPartitionsCommand', 'kafka-reassign-partitions'], ['kafka.admin.ReassignPartitionsCommand', 'kafka-reassign-partitions'],
  ['org.apache.kafka.tools.BrokerApiVersionsCommand', 'kafka-broker-api-versions'], ['kafka.admin.BrokerApiVersionsCommand', 'kafka-broker-api-versions'],
  ['org.apache.kafka.tools.MetadataQuorumCommand', 'kafka-metadata-quorum'],
  ['org.apache.kafka.tools.LogDirsCommand', 'kafka-log-dirs'], ['kafka.admin.LogDirsCommand', 'kafka-log-dirs'],
  ['org.apache.kafka.tools.EndToEndLatency', 'kafka-e2e-latency'], ['kafka.tools.EndToEndLatency', 'kafka-e2e-latency'],
  ['org.apache.kafka.tools.DumpLogSegments', 'kafka-dump-log'], ['kafka.tools.DumpLogSegments', 'kafka-dump-log'],
  ['org.apache.kafka.connect.cli.ConnectStandalone', 'connect-standalone'],
]);

/** Whether our tool's module is there (kafka-storage and kafka-dump-log come with another change). */
export function toolAvailable(tool: string): boolean {
  try {
    require.resolve(`../${tool}`);
    return true;
  } catch {
    return false;
  }
}

/** The classes that run something here, sorted, each with what it runs. */
export function availableClasses(): [string, string][] {
  const out: [string, string][] = [[WORDCOUNT_CLASS, 'the Kafka Streams WordCount demo']];
  for (const [cls, tool] of CLASS_TOOLS) if (toolAvailable(tool)) out.push([cls, tool]);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
