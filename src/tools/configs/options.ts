// kafka-configs options and argument checks (Kafka's ConfigCommand.ConfigCommandOptions), in two
// flavours:
// - 'kafka4': with --bootstrap-server, Kafka 4.x (trunk of Oct 2024) texts and entity types;
// - 'zk28': selected by --zookeeper, Kafka 2.8's texts (its broker is reached instead of ZooKeeper).
// The help texts are our own wording; option names, argument kinds, check order and messages are
// Kafka's.

import { JavaException, UsageError } from '../../cli/errors';
import { checkInvalidArgs } from '../../cli/command-line-utils';
import { commonOptions, looksLikeAnOption, type OptionSet, type OptionSpec } from '../../cli/options';
import { DOCUMENTED_TOPIC_CONFIG_NAMES } from '../../config/topic-configs';
import { ALL_DYNAMIC_CONFIGS, ENGINE_DYNAMIC_CONFIGS } from '../../config/broker-configs';

export type Era = 'kafka4' | 'zk28';

export const HELP_MESSAGE: Record<Era, string> = {
  kafka4: 'This tool helps to manipulate and describe entity config for a topic, client, user, broker, ip, client-metrics or group',
  zk28: 'This tool helps to manipulate and describe entity config for a topic, client, user, broker or ip',
};

export const TOPICS = 'topics';
export const CLIENTS = 'clients';
export const USERS = 'users';
export const BROKERS = 'brokers';
export const IPS = 'ips';
export const BROKER_LOGGERS = 'broker-loggers';
export const CLIENT_METRICS = 'client-metrics';
export const GROUPS = 'groups';

/** ConfigType.ALL, in Kafka's order. */
const CONFIG_TYPES_ALL = [TOPICS, CLIENTS, USERS, BROKERS, IPS];

/** Entity flags (`--topic x`) and default flags (`--broker-defaults`) with their entity types, in Kafka's order. */
function entityFlags(era: Era): [string, string][] {
  const flags: [string, string][] = [['topic', TOPICS], ['client', CLIENTS], ['user', USERS], ['broker', BROKERS], ['broker-logger', BROKER_LOGGERS], ['ip', IPS]];
  if (era === 'kafka4') flags.push(['client-metrics', CLIENT_METRICS], ['group', GROUPS]);
  return flags;
}
const DEFAULT_FLAGS: [string, string][] = [['client-defaults', CLIENTS], ['user-defaults', USERS], ['broker-defaults', BROKERS], ['ip-defaults', IPS]];

function list(names: readonly string[]): string {
  return names.map((n) => `\t${n}`).join('\n');
}

/** The options of one era, in declaration order (help sorts them). */
export function configSpecs(era: Era): OptionSpec[] {
  const zk = era === 'zk28';
  const brokerNames = [...ALL_DYNAMIC_CONFIGS, ...ENGINE_DYNAMIC_CONFIGS].sort();
  const specs: OptionSpec[] = [
    ...commonOptions(),
    {
      // Kafka 4 dropped it; kept (and not listed in help) for the seed-era calls.
      name: 'zookeeper', arg: 'required', argName: 'urls', hidden: !zk,
      description: 'DEPRECATED (gone in Kafka 4.0): a ZooKeeper address, host:port. kafka-local has no ZooKeeper: it talks to the broker on the same host instead (port 2181 stands for 9092), with Kafka 2.8\'s behaviour. Prefer --bootstrap-server.',
    },
    { name: 'bootstrap-server', arg: 'required', argName: 'server to connect to', description: 'The broker(s) to connect to, as host:port[,host:port...].' },
  ];
  if (!zk) specs.push({ name: 'bootstrap-controller', arg: 'required', argName: 'controller to connect to', description: 'The controller(s) to connect to (kafka-local has none; use --bootstrap-server).' });
  specs.push(
    { name: 'command-config', arg: 'required', argName: 'command config property file', description: 'A Java properties file with settings for the admin client.' },
    { name: 'alter', arg: 'none', description: 'Change the configs of the entity (with --add-config, --add-config-file and/or --delete-config).' },
    { name: 'describe', arg: 'none', description: 'Show the configs of the entity (the dynamic ones; add --all for every config).' },
    { name: 'all', arg: 'none', description: 'With --describe: show every config of the topic or broker, with its source and synonyms, not only the dynamic ones.' },
    { name: 'entity-type', arg: 'required', multi: true, description: `Which kind of entity: ${zk ? 'topics/clients/users/brokers/broker-loggers/ips' : 'topics/clients/users/brokers/broker-loggers/ips/client-metrics/groups'}.` },
    { name: 'entity-name', arg: 'required', multi: true, description: 'The entity: a topic name, client id, user principal, broker id, ip...' },
    { name: 'entity-default', arg: 'none', description: 'The default entity of the --entity-type (clients/users/brokers/ips), e.g. the cluster-wide broker defaults.' },
    {
      name: 'add-config', arg: 'required',
      description: 'The configs to set, as k1=v1,k2=[v1,v2],k3=v3 (square brackets keep commas inside a value). '
        + `Topic configs:\n${list(DOCUMENTED_TOPIC_CONFIG_NAMES)}\nDynamic broker configs:\n${list(brokerNames)}\n`
        + 'Users and clients take quota configs; they may be given together for the clients of one user.',
    },
    { name: 'add-config-file', arg: 'required', description: 'A properties file with the configs to set (see --add-config).' },
    { name: 'delete-config', arg: 'required', multi: true, description: 'Config names to remove, as k1,k2 (or repeat the option).' },
    ...(zk ? [{ name: 'force', arg: 'none' as const, description: 'Accepted and ignored (no prompts here).' }] : []),
    { name: 'topic', arg: 'required', description: 'The topic (same as --entity-type topics --entity-name <topic>).' },
    { name: 'client', arg: 'required', description: 'The client id.' },
    { name: 'client-defaults', arg: 'none', description: 'The defaults of all clients.' },
    { name: 'user', arg: 'required', description: 'The user principal.' },
    { name: 'user-defaults', arg: 'none', description: 'The defaults of all users.' },
    { name: 'broker', arg: 'required', description: 'The broker id (same as --entity-type brokers --entity-name <id>).' },
    { name: 'broker-defaults', arg: 'none', description: 'The cluster-wide broker defaults (same as --entity-type brokers --entity-default).' },
    { name: 'broker-logger', arg: 'required', description: 'The broker id whose loggers to show or change.' },
    { name: 'ip-defaults', arg: 'none', description: 'The defaults of all IPs.' },
    { name: 'ip', arg: 'required', description: 'The IP address.' },
  );
  if (!zk) {
    specs.push(
      { name: 'group', arg: 'required', description: 'The group id.' },
      { name: 'client-metrics', arg: 'required', description: 'The client metrics resource.' },
    );
  }
  if (zk) specs.push({ name: 'zk-tls-config-file', arg: 'required', argName: 'ZooKeeper TLS configuration', description: 'ZooKeeper TLS settings (accepted; there is no ZooKeeper here).' });
  return specs;
}

/** ConfigCommandOptions.entityTypes: --entity-type values, then the entity flags and default flags given. */
export function entityTypes(opts: OptionSet, era: Era): string[] {
  return [
    ...opts.stringValuesOf('entity-type'),
    ...[...entityFlags(era), ...DEFAULT_FLAGS].filter(([f]) => opts.has(f)).map(([, t]) => t),
  ];
}

/**
 * Every occurrence of --entity-name / --entity-default in command-line order (jopt's
 * OptionSet.specs() keeps repeats), found by walking argv as the parser did.
 */
function entityNameOccurrences(opts: OptionSet): ('name' | 'default')[] {
  const out: ('name' | 'default')[] = [];
  const argv = opts.args;
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i];
    if (tok === '--') break;
    if (!looksLikeAnOption(tok)) continue;
    const body = tok.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const key = eq < 0 ? body : body.slice(0, eq);
    let spec: OptionSpec;
    try {
      spec = opts.spec(key);
    } catch {
      continue;
    }
    if (spec.name === 'entity-name') out.push('name');
    if (spec.name === 'entity-default') out.push('default');
    if (spec.arg === 'required' && eq < 0) i++;
  }
  return out;
}

/** ConfigCommandOptions.entityNames ('' = the default entity). */
export function entityNames(opts: OptionSet, era: Era): string[] {
  const names = opts.stringValuesOf('entity-name');
  let next = 0;
  return [
    ...entityNameOccurrences(opts).map((o) => (o === 'name' ? names[next++] : '')),
    ...entityFlags(era).filter(([f]) => opts.has(f)).map(([f]) => opts.stringValueOf(f)!),
    ...DEFAULT_FLAGS.filter(([f]) => opts.has(f)).map(() => ''),
  ];
}

function illegalArgument(message: string): JavaException {
  return new JavaException('java.lang.IllegalArgumentException', message);
}

/** Integer.parseInt succeeds. */
function isJavaInt(s: string): boolean {
  return /^[+-]?\d+$/.test(s) && Number(s) >= -2147483648 && Number(s) <= 2147483647;
}

/** DynamicConfig.Ip.isValidIpEntity: an IP literal (or a host name; no lookups here). */
function isValidIpEntity(ip: string): boolean {
  return ip !== '' && /^[0-9A-Za-z.:%_-]+$/.test(ip);
}

/** Scala's Seq.diff / Java's "added twice" filter: the types given more than once, each once, in order. */
function duplicates(types: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of types) {
    if (seen.has(t)) {
      if (!out.includes(t)) out.push(t);
    } else seen.add(t);
  }
  return out;
}

/** The entity types a broker (--bootstrap-server) takes configs for, in Kafka 4.4's order. */
const BROKER_SUPPORTED_CONFIG_TYPES = [BROKER_LOGGERS, TOPICS, CLIENTS, USERS, BROKERS, IPS, CLIENT_METRICS, GROUPS];

/**
 * ConfigCommandOptions.checkArgs (after help/version): UsageError for the usage-printing
 * failures, IllegalArgumentException-shaped JavaExceptions for the rest.
 */
export function checkArgs(opts: OptionSet, era: Era): void {
  if (era === 'zk28') return checkArgs28(opts);
  const actions = ['alter', 'describe'].filter((a) => opts.has(a)).length;
  if (actions !== 1) throw new UsageError('Command must include exactly one action: --describe, --alter');
  checkInvalidArgs(opts, 'alter', ['describe']);
  checkInvalidArgs(opts, 'describe', ['alter', 'add-config', 'delete-config']);

  const types = entityTypes(opts, era);
  const dups = duplicates(types);
  if (dups.length > 0) throw illegalArgument(`Duplicate entity type(s) specified: ${dups.join(',')}`);
  if (!opts.has('bootstrap-server') && !opts.has('bootstrap-controller')) {
    throw illegalArgument('Either --bootstrap-server or --bootstrap-controller must be specified.');
  }
  for (const t of types) {
    if (!BROKER_SUPPORTED_CONFIG_TYPES.includes(t)) {
      throw illegalArgument(`Invalid entity type ${t}, the entity type must be one of ${BROKER_SUPPORTED_CONFIG_TYPES.join(', ')} with a --bootstrap-server or --bootstrap-controller argument`);
    }
  }
  if (types.length === 0) throw illegalArgument('At least one entity type must be specified');
  if (types.length > 1 && !(new Set(types).size === 2 && types.includes(USERS) && types.includes(CLIENTS))) {
    throw illegalArgument(`Only '${USERS}' and '${CLIENTS}' entity types may be specified together`);
  }
  if ((opts.has('entity-name') || opts.has('entity-type') || opts.has('entity-default'))
    && [...entityFlags(era), ...DEFAULT_FLAGS].some(([f]) => opts.has(f))) {
    throw illegalArgument('--entity-{type,name,default} should not be used in conjunction with specific entity flags');
  }
  const names = entityNames(opts, era);
  const hasEntityName = names.some((n) => n !== '');
  const hasEntityDefault = names.some((n) => n === '');
  if (opts.has('bootstrap-server') && opts.has('bootstrap-controller')) {
    throw illegalArgument('Only one of --bootstrap-server or --bootstrap-controller can be specified');
  }
  if (hasEntityName) checkEntityNames(opts, types);
  const quotaOrBroker = types.includes(USERS) || types.includes(CLIENTS) || types.includes(BROKERS) || types.includes(IPS);
  if (opts.has('describe')) {
    if (!quotaOrBroker && opts.has('entity-default')) throw illegalArgument(`--entity-default must not be specified with --describe of ${types.join(',')}`);
    if (types.includes(BROKER_LOGGERS) && !hasEntityName) throw illegalArgument(`An entity name must be specified with --describe of ${types.join(',')}`);
  }
  if (opts.has('alter')) {
    if (quotaOrBroker) {
      if (!hasEntityName && !hasEntityDefault) throw illegalArgument('An entity-name or default entity must be specified with --alter of users, clients, brokers or ips');
    } else if (!hasEntityName) {
      throw illegalArgument(`An entity name must be specified with --alter of ${types.join(',')}`);
    }
    const add = opts.has('add-config');
    const file = opts.has('add-config-file');
    if (add && file) throw illegalArgument('Only one of --add-config or --add-config-file must be specified');
    if (!add && !file && !opts.has('delete-config')) throw illegalArgument('At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter');
  }
}

/** ConfigCommandOptions.checkArgs of Kafka 2.8 (after help/version), for --zookeeper calls. */
function checkArgs28(opts: OptionSet): void {
  const era: Era = 'zk28';
  const actions = ['alter', 'describe'].filter((a) => opts.has(a)).length;
  if (actions !== 1) throw new UsageError('Command must include exactly one action: --describe, --alter');
  checkInvalidArgs(opts, 'alter', ['describe']);
  checkInvalidArgs(opts, 'describe', ['alter', 'add-config', 'delete-config']);

  const types = entityTypes(opts, era);
  const distinct = [...new Set(types)];
  if (types.length !== distinct.length) {
    // Scala's Seq.diff: each distinct value removed once, the rest kept in order.
    const rest = [...types];
    for (const d of distinct) rest.splice(rest.indexOf(d), 1);
    throw illegalArgument(`Duplicate entity type(s) specified: ${rest.join(',')}`);
  }
  const bootstrap = opts.has('bootstrap-server');
  const allowed = bootstrap ? [...CONFIG_TYPES_ALL, BROKER_LOGGERS] : CONFIG_TYPES_ALL;
  for (const t of types) {
    if (!allowed.includes(t)) {
      throw illegalArgument(`Invalid entity type ${t}, the entity type must be one of ${allowed.join(',')} with the ${bootstrap ? '--bootstrap-server' : '--zookeeper'} argument`);
    }
  }
  if (types.length === 0) throw illegalArgument('At least one entity type must be specified');
  if (types.length > 1 && !(types.length === 2 && types.includes(USERS) && types.includes(CLIENTS))) {
    throw illegalArgument(`Only '${USERS}' and '${CLIENTS}' entity types may be specified together`);
  }
  if ((opts.has('entity-name') || opts.has('entity-type') || opts.has('entity-default'))
    && [...entityFlags(era), ...DEFAULT_FLAGS].some(([f]) => opts.has(f))) {
    throw illegalArgument('--entity-{type,name,default} should not be used in conjunction with specific entity flags');
  }
  const names = entityNames(opts, era);
  const hasEntityName = names.some((n) => n !== '');
  const hasEntityDefault = names.some((n) => n === '');

  if (!opts.has('bootstrap-server') && !opts.has('zookeeper')) throw illegalArgument('One of the required --bootstrap-server or --zookeeper arguments must be specified');
  if (opts.has('bootstrap-server') && opts.has('zookeeper')) throw illegalArgument('Only one of --bootstrap-server or --zookeeper must be specified');
  if (opts.has('all') && opts.has('zookeeper')) throw illegalArgument('--bootstrap-server must be specified for --all');
  if (hasEntityName) checkEntityNames(opts, types);
  if (opts.has('describe') && types.includes(BROKER_LOGGERS) && !hasEntityName) {
    throw illegalArgument(`an entity name must be specified with --describe of ${types.join(',')}`);
  }
  if (opts.has('alter')) {
    if (types.includes(USERS) || types.includes(CLIENTS) || types.includes(BROKERS) || types.includes(IPS)) {
      if (!hasEntityName && !hasEntityDefault) throw illegalArgument('an entity-name or default entity must be specified with --alter of users, clients, brokers or ips');
    } else if (!hasEntityName) {
      throw illegalArgument(`an entity name must be specified with --alter of ${types.join(',')}`);
    }
    const add = opts.has('add-config');
    const file = opts.has('add-config-file');
    if (add && file) throw illegalArgument('Only one of --add-config or --add-config-file must be specified');
    if (!add && !file && !opts.has('delete-config')) throw illegalArgument('At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter');
  }
}

/** Broker (and broker logger) entity names must be broker ids, IP entity names addresses (both eras). */
function checkEntityNames(opts: OptionSet, types: string[]): void {
  if (types.includes(BROKERS) || types.includes(BROKER_LOGGERS)) {
    for (const o of ['entity-name', 'broker', 'broker-logger']) {
      if (!opts.has(o)) continue;
      const id = opts.stringValueOf(o)!;
      if (!isJavaInt(id)) throw illegalArgument(`The entity name for ${types[0]} must be a valid integer broker id, but it is: ${id}`);
    }
  }
  if (types.includes(IPS)) {
    for (const o of ['entity-name', 'ip']) {
      if (!opts.has(o)) continue;
      const ip = opts.stringValueOf(o)!;
      if (!isValidIpEntity(ip)) throw illegalArgument(`The entity name for ${types[0]} must be a valid IP or resolvable host, but it is: ${ip}`);
    }
  }
}
