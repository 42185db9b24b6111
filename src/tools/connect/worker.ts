// The standalone herder and worker: connectors from their config files, one task each (the file
// connectors run a single task), the shared offset store and its flush timer, and what the REST
// API reads (names, configs, statuses).
import { FILE_SINK_CLASS, FILE_SOURCE_CLASS, type ConnectorConfig } from './connector-config';
import { converterFor } from './converters';
import { fileSourceSettings } from './file-source';
import type { ConnectLog } from './log';
import { OffsetStore } from './offset-store';
import { SinkTask, sinkTopics } from './sink-task';
import { SourceTask } from './source-task';
import type { ConnectState } from './task-status';
import type { WorkerConfig } from './worker-config';
import { KAFKA_VERSION } from '../../cli/version';

const WORKER = 'org.apache.kafka.connect.runtime.Worker';

export interface Connector {
  config: ConnectorConfig;
  state: ConnectState;
  task: SourceTask | SinkTask;
}

export class Worker {
  readonly connectors = new Map<string, Connector>();
  private offsets: OffsetStore | null = null;
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(private readonly config: WorkerConfig, private readonly log: ConnectLog, private readonly stdout: (s: string) => void) {}

  start(): void {
    this.log('INFO', 'Worker starting', `${WORKER}:235`);
    this.log('INFO', `Starting FileOffsetBackingStore with file ${this.config.offsetFile}`, 'org.apache.kafka.connect.storage.FileOffsetBackingStore:63');
    this.offsets = new OffsetStore(this.config.offsetFile);
    this.flushTimer = setInterval(() => this.flushOffsets(), this.config.offsetFlushIntervalMs);
    this.log('INFO', 'Worker started', `${WORKER}:245`);
  }

  private flushOffsets(): void {
    for (const [name, n] of this.offsets!.flush()) {
      this.log('INFO', `WorkerSourceTask{id=${name}-0} Committing offsets for ${n} acknowledged messages`,
        'org.apache.kafka.connect.runtime.WorkerSourceTask:241', `${name}|task-0|offsets`);
    }
  }

  /** Validates and starts a connector and its task, logging as Connect does. */
  addConnector(config: ConnectorConfig): void {
    const { name } = config;
    if (this.connectors.has(name)) throw new Error(`Connector ${name} already exists`);
    const props = this.config.props;
    // The connector's own settings are checked before anything starts (AbstractHerder validation).
    if (config.type === 'source') fileSourceSettings(config.props);
    else sinkTopics(config.props);
    const converters = {
      key: converterFor(config.props.has('key.converter') ? config.props : props, 'key.converter'),
      value: converterFor(config.props.has('value.converter') ? config.props : props, 'value.converter'),
    };
    const ctx = `${name}|worker`;
    const simple = config.connectorClass.slice(config.connectorClass.lastIndexOf('.') + 1);
    this.log('INFO', `Creating connector ${name} of type ${config.configuredClass}`, `${WORKER}:324`, ctx);
    this.log('INFO', `Instantiated connector ${name} with version ${KAFKA_VERSION} of type class ${config.connectorClass}`, `${WORKER}:348`, ctx);
    if (config.type === 'source') {
      this.log('INFO', `Starting file source connector reading from ${config.props.get('file')?.trim() ?? 'stdin'}`, `org.apache.kafka.connect.file.${simple}:70`, ctx);
    }
    this.log('INFO', `Finished creating connector ${name}`, `${WORKER}:370`, ctx);
    if (config.type === 'sink') {
      this.log('INFO', `Starting file sink connector writing to ${config.props.get('file')?.trim() || 'stdout'}`, `org.apache.kafka.connect.file.${simple}:58`, ctx);
    }
    const taskCtx = `${name}|task-0`;
    const taskClass = config.type === 'source' ? 'org.apache.kafka.connect.file.FileStreamSourceTask' : 'org.apache.kafka.connect.file.FileStreamSinkTask';
    this.log('INFO', `Creating task ${name}-0`, `${WORKER}:676`, taskCtx);
    this.log('INFO', `Instantiated task ${name}-0 with version ${KAFKA_VERSION} of type ${taskClass}`, `${WORKER}:696`, taskCtx);
    this.log('INFO', `Set up the key converter class ${converters.key.className} for task ${name}-0 using the ${config.props.has('key.converter') ? 'connector' : 'worker'} config`, `${WORKER}:709`, taskCtx);
    this.log('INFO', `Set up the value converter class ${converters.value.className} for task ${name}-0 using the ${config.props.has('value.converter') ? 'connector' : 'worker'} config`, `${WORKER}:715`, taskCtx);
    const task = config.type === 'source'
      ? new SourceTask(name, config.props, props, converters, this.offsets!, this.log)
      : new SinkTask(name, config.props, props, this.config.offsetFlushIntervalMs, converters, this.log, this.stdout);
    const connector: Connector = { config, state: 'RUNNING', task };
    this.connectors.set(name, connector);
    task.start();
  }

  taskClass(c: Connector): string {
    return c.config.connectorClass === FILE_SOURCE_CLASS ? 'org.apache.kafka.connect.file.FileStreamSourceTask' : 'org.apache.kafka.connect.file.FileStreamSinkTask';
  }

  async stop(): Promise<void> {
    for (const c of this.connectors.values()) await c.task.stop();
    for (const [name, c] of this.connectors) {
      this.log('INFO', `Stopping connector ${name}`, `${WORKER}:466`, `${name}|worker`);
      c.state = 'UNASSIGNED';
    }
    this.log('INFO', 'Worker stopping', `${WORKER}:252`);
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.offsets) {
      this.flushOffsets();
      this.log('INFO', 'Stopped FileOffsetBackingStore', 'org.apache.kafka.connect.storage.FileOffsetBackingStore:71');
    }
    this.log('INFO', 'Worker stopped', `${WORKER}:273`);
  }
}

export { FILE_SINK_CLASS, FILE_SOURCE_CLASS };
