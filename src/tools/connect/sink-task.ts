// WorkerSinkTask for FileStreamSink: a consumer in the group `connect-<connector>` reads `topics`,
// converts each record with the worker's converters, and FileStreamSinkTask appends the value's
// text (Java's String.valueOf) as one line to `file` (standard output when unset). Offsets are
// committed every `offset.flush.interval.ms` and when the task stops, after the lines are written.
import * as fs from 'node:fs';
import { JavaException } from '../../cli/errors';
import { GroupConsumer } from '../consumer/group-consumer';
import { javaString, type Converter } from './converters';
import { clientLog, type ConnectLog } from './log';
import type { TaskStatus } from './task-status';

const configException = (message: string) => new JavaException('org.apache.kafka.common.config.ConfigException', message);

export function sinkTopics(props: ReadonlyMap<string, string>): string[] {
  const topics = (props.get('topics') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  if (props.has('topics.regex')) throw configException('topics.regex is not supported here: list the topics in "topics"');
  if (topics.length === 0) throw configException('Must configure one of topics or topics.regex');
  return topics;
}

export class SinkTask {
  readonly status: TaskStatus = { state: 'UNASSIGNED' };
  private readonly id: string;
  private readonly context: string;
  private consumer: GroupConsumer | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly props: ReadonlyMap<string, string>,
    private readonly workerProps: ReadonlyMap<string, string>,
    private readonly flushIntervalMs: number,
    private readonly converters: { key: Converter; value: Converter },
    private readonly log: ConnectLog,
    private readonly stdout: (s: string) => void,
  ) {
    this.id = `${name}-0`;
    this.context = `${name}|task-0`;
  }

  start(): void {
    const topics = sinkTopics(this.props);
    const file = this.props.get('file')?.trim() || null;
    const consumerProps = new Map<string, string>([
      ['bootstrap.servers', this.workerProps.get('bootstrap.servers') ?? 'localhost:9092'],
      ['group.id', `connect-${this.name}`],
      ['client.id', `connector-consumer-${this.id}`],
      ['enable.auto.commit', 'true'],
      ['auto.commit.interval.ms', String(this.flushIntervalMs)],
      ['auto.offset.reset', 'earliest'],
    ]);
    for (const [k, v] of this.workerProps) if (k.startsWith('consumer.')) consumerProps.set(k.slice('consumer.'.length), v);
    this.consumer = new GroupConsumer(consumerProps, topics, clientLog(this.log, this.context));
    this.log('INFO', `[Consumer clientId=connector-consumer-${this.id}, groupId=connect-${this.name}] Subscribed to topic(s): ${topics.join(', ')}`,
      'org.apache.kafka.clients.consumer.internals.ClassicKafkaConsumer:520', this.context);
    this.status.state = 'RUNNING';
    this.log('INFO', `WorkerSinkTask{id=${this.id}} Sink task finished initialization and start`, 'org.apache.kafka.connect.runtime.WorkerSinkTask:339', this.context);
    this.log('INFO', `WorkerSinkTask{id=${this.id}} Executing sink task`, 'org.apache.kafka.connect.runtime.WorkerSinkTask:220', this.context);
    this.running = this.consumer.run((r) => {
      this.converters.key.toConnectData(r.topic, r.key);
      const value = this.converters.value.toConnectData(r.topic, r.value);
      const line = `${javaString(value.value)}\n`;
      if (file === null) this.stdout(line);
      else fs.appendFileSync(file, line);
    }).catch((e) => this.fail(e as Error));
  }

  private fail(e: Error): void {
    this.consumer?.stop();
    this.status.state = 'FAILED';
    this.status.trace = `org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler\nCaused by: ${(e as { javaClass?: string }).javaClass ?? 'org.apache.kafka.connect.errors.ConnectException'}: ${e.message}\n`;
    this.log('ERROR', `WorkerSinkTask{id=${this.id}} Task threw an uncaught and unrecoverable exception. Task is being killed and will not recover until manually restarted`,
      'org.apache.kafka.connect.runtime.WorkerTask:234', this.context);
    this.log('ERROR', this.status.trace.trimEnd(), 'org.apache.kafka.connect.runtime.WorkerTask:234', this.context);
  }

  async stop(): Promise<void> {
    this.log('INFO', `Stopping task ${this.id}`, 'org.apache.kafka.connect.runtime.Worker:1083', this.context);
    this.consumer?.stop();
    await this.running;
    await this.consumer?.close();
    this.status.state = 'UNASSIGNED';
  }
}
