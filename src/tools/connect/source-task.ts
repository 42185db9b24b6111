// WorkerSourceTask for FileStreamSource: polls the file, converts each line with the worker's
// converters, sends it with our producer, and records the line's offset once the broker has it.
import { Producer, producerSettings } from '../../client/producer';
import type { Converter } from './converters';
import { FileLineReader, fileSourceSettings, IDLE_WAIT_MS, sourceOffset, sourcePartition, VALUE_SCHEMA } from './file-source';
import { clientLog, type ConnectLog } from './log';
import type { OffsetStore } from './offset-store';
import type { TaskStatus } from './task-status';

export class SourceTask {
  readonly status: TaskStatus = { state: 'UNASSIGNED' };
  private readonly id: string;
  private readonly context: string;
  private producer: Producer | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly props: ReadonlyMap<string, string>,
    private readonly workerProps: ReadonlyMap<string, string>,
    private readonly converters: { key: Converter; value: Converter },
    private readonly offsets: OffsetStore,
    private readonly log: ConnectLog,
  ) {
    this.id = `${name}-0`;
    this.context = `${name}|task-0`;
  }

  start(): void {
    const settings = fileSourceSettings(this.props);
    const producerProps = new Map<string, string>([
      ['bootstrap.servers', this.workerProps.get('bootstrap.servers') ?? 'localhost:9092'],
      ['client.id', `connector-producer-${this.id}`],
      // Connect's source producers: every record acknowledged by all replicas, one request in flight.
      ['acks', 'all'], ['max.in.flight.requests.per.connection', '1'], ['delivery.timeout.ms', '2147483647'],
    ]);
    for (const [k, v] of this.workerProps) if (k.startsWith('producer.')) producerProps.set(k.slice('producer.'.length), v);
    this.producer = new Producer({ settings: producerSettings(producerProps), log: clientLog(this.log, this.context) });
    const partition = sourcePartition(settings.file);
    const stored = this.offsets.get(this.name, partition);
    const position = typeof stored?.position === 'number' ? stored.position : 0;
    const reader = new FileLineReader(settings, position, (m) => this.log('WARN', m, 'org.apache.kafka.connect.file.FileStreamSourceTask:95', this.context));
    this.status.state = 'RUNNING';
    this.log('INFO', `WorkerSourceTask{id=${this.id}} Source task finished initialization and start`, 'org.apache.kafka.connect.runtime.AbstractWorkerSourceTask:289', this.context);
    this.running = this.loop(settings.topic, reader, partition).catch((e) => this.fail(e as Error));
  }

  private async loop(topic: string, reader: FileLineReader, partition: Record<string, unknown>): Promise<void> {
    const producer = this.producer!;
    while (!this.stopped) {
      const records = reader.poll();
      if (records.length === 0) {
        await new Promise<void>((r) => {
          const t = setTimeout(() => { this.wake = null; r(); }, IDLE_WAIT_MS);
          this.wake = () => { clearTimeout(t); this.wake = null; r(); };
        });
        continue;
      }
      const sends: Promise<unknown>[] = [];
      for (const rec of records) {
        const key = this.converters.key.fromConnectData(topic, { schema: null, value: null });
        const value = this.converters.value.fromConnectData(topic, { schema: VALUE_SCHEMA, value: rec.line });
        sends.push(producer.send(topic, key, 0, key?.length ?? 0, value, 0, value?.length ?? 0, null, true) as Promise<number>);
      }
      await Promise.all(sends);
      this.offsets.acknowledged(this.name, partition, sourceOffset(records[records.length - 1].position), records.length);
    }
  }

  private fail(e: Error): void {
    if (this.stopped) return;
    this.status.state = 'FAILED';
    this.status.trace = `${(e as { javaClass?: string }).javaClass ?? 'org.apache.kafka.connect.errors.ConnectException'}: ${e.message}\n`;
    this.log('ERROR', `WorkerSourceTask{id=${this.id}} Task threw an uncaught and unrecoverable exception. Task is being killed and will not recover until manually restarted`,
      'org.apache.kafka.connect.runtime.WorkerTask:234', this.context);
    this.log('ERROR', this.status.trace.trimEnd(), 'org.apache.kafka.connect.runtime.WorkerTask:234', this.context);
  }

  async stop(): Promise<void> {
    this.log('INFO', `Stopping task ${this.id}`, 'org.apache.kafka.connect.runtime.Worker:1083', this.context);
    this.stopped = true;
    this.wake?.();
    await this.running;
    await this.producer?.close();
    this.status.state = 'UNASSIGNED';
  }
}
