// A connector's configuration as connect-standalone reads it from its arguments: a .properties
// file (Kafka's quickstart files) or a .json file in the REST API's shape {"name": ..., "config": {...}}.
// Connector and converter class names accept Connect's aliases (FileStreamSource, ...).
import * as fs from 'node:fs';
import { JavaException } from '../../cli/errors';
import { loadPropertiesFile } from '../../cli/properties';

export const FILE_SOURCE_CLASS = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
export const FILE_SINK_CLASS = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
const CONNECTOR_ALIASES = new Map([
  ['FileStreamSource', FILE_SOURCE_CLASS], ['FileStreamSourceConnector', FILE_SOURCE_CLASS], [FILE_SOURCE_CLASS, FILE_SOURCE_CLASS],
  ['FileStreamSink', FILE_SINK_CLASS], ['FileStreamSinkConnector', FILE_SINK_CLASS], [FILE_SINK_CLASS, FILE_SINK_CLASS],
]);

export interface ConnectorConfig {
  name: string;
  /** The class as configured (FileStreamSource) and as resolved. */
  configuredClass: string;
  connectorClass: string;
  type: 'source' | 'sink';
  /** Every setting, in the order given (the REST API shows them). */
  props: Map<string, string>;
}

const configException = (message: string) => new JavaException('org.apache.kafka.common.config.ConfigException', message);

export function readConnectorFile(file: string): Map<string, string> {
  if (!file.endsWith('.json')) return loadPropertiesFile(file);
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; config?: Record<string, unknown> };
  const props = new Map<string, string>();
  if (json.name !== undefined) props.set('name', String(json.name));
  for (const [k, v] of Object.entries(json.config ?? {})) props.set(k, String(v));
  return props;
}

export function connectorConfig(props: Map<string, string>): ConnectorConfig {
  const name = props.get('name')?.trim();
  if (!name) throw configException('Connector config is missing the required property "name"');
  const configured = props.get('connector.class')?.trim();
  if (!configured) throw configException(`Missing required configuration "connector.class" which has no default value.`);
  const connectorClass = CONNECTOR_ALIASES.get(configured);
  if (connectorClass === undefined) {
    throw configException(`Failed to find any class that implements Connector and which name matches ${configured}, available connectors are: ` +
      'FileStreamSinkConnector, FileStreamSourceConnector (the two file connectors of Kafka\'s quickstart are the ones here)');
  }
  return { name, configuredClass: configured, connectorClass, type: connectorClass === FILE_SOURCE_CLASS ? 'source' : 'sink', props };
}
