// The standalone worker's settings (Connect's StandaloneConfig): the keys Kafka's quickstart file
// config/connect-standalone.properties sets, with Connect's defaults. Converter settings stay in
// the raw map: a converter reads its own `<prefix>.*` keys.
import { JavaException } from '../../cli/errors';

export interface RestListener {
  protocol: string;
  host: string;
  port: number;
}

export interface WorkerConfig {
  props: ReadonlyMap<string, string>;
  bootstrapServers: string;
  offsetFile: string;
  offsetFlushIntervalMs: number;
  listeners: RestListener[];
}

const configException = (message: string) => new JavaException('org.apache.kafka.common.config.ConfigException', message);

function required(props: ReadonlyMap<string, string>, key: string): string {
  const v = props.get(key);
  if (v === undefined) throw configException(`Missing required configuration "${key}" which has no default value.`);
  return v.trim();
}

/** `listeners`: a list like `http://:8083,http://127.0.0.1:0` (an empty host: every interface). */
export function parseListeners(text: string): RestListener[] {
  const out: RestListener[] = [];
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]+):\/\/(\[[^\]]*\]|[^:/]*):(\d+)\/?$/.exec(item);
    if (!m) throw configException(`Invalid value ${text} for configuration listeners: Invalid listener format ${item}`);
    const protocol = m[1].toLowerCase();
    if (protocol !== 'http') throw configException(`Invalid value ${text} for configuration listeners: only http listeners are supported here, not ${item}`);
    out.push({ protocol, host: m[2].replace(/^\[|\]$/g, ''), port: Number(m[3]) });
  }
  return out;
}

export function workerConfig(props: ReadonlyMap<string, string>): WorkerConfig {
  required(props, 'key.converter');
  required(props, 'value.converter');
  const interval = Number((props.get('offset.flush.interval.ms') ?? '60000').trim());
  if (!Number.isInteger(interval)) {
    throw configException(`Invalid value ${props.get('offset.flush.interval.ms')} for configuration offset.flush.interval.ms: Not a number of type LONG`);
  }
  return {
    props,
    bootstrapServers: (props.get('bootstrap.servers') ?? 'localhost:9092').trim(),
    offsetFile: required(props, 'offset.storage.file.filename'),
    offsetFlushIntervalMs: interval,
    listeners: parseListeners(props.get('listeners') ?? 'http://:8083'),
  };
}
