// --add-config / --add-config-file / --delete-config as ConfigCommand reads them
// (parseConfigsToBeAdded, parseConfigsToBeDeleted), with Kafka's messages.

import { JavaException } from '../../cli/errors';
import type { OptionSet } from '../../cli/options';
import { loadPropertiesFile } from '../../cli/properties';
import { javaTrim } from '../../util/java-lang';
import type { Era } from './options';

// Split on commas / `=` that are not inside [...]: "followed by no ']' before the next '[' or the end".
const OUTSIDE_BRACKETS = '(?=[^\\]]*(?:\\[|$))';
const ITEM_SEPARATOR = new RegExp(`,${OUTSIDE_BRACKETS}`);
const KEY_VALUE_SEPARATOR = new RegExp(`\\s*=\\s*${OUTSIDE_BRACKETS}`);
const VALID_KEY = /^[a-zA-Z0-9._-]*$/;

function illegalArgument(message: string): JavaException {
  return new JavaException('java.lang.IllegalArgumentException', message);
}

/** Java String.split(regex) with limit 0: trailing empty strings dropped. */
function javaSplit(s: string, re: RegExp): string[] {
  const parts = s.split(re);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  // Java returns [""] for "" (no match), [] when everything was separators.
  return s === '' ? [''] : parts;
}

/**
 * The configs to set: --add-config-file entries first, then --add-config (`k1=v1,k2=[a,b]`; the
 * brackets group a value and are removed). With --zookeeper, prints 2.8's message.format.version
 * WARNING to stdout. Throws IllegalArgumentException-shaped errors with Kafka's texts.
 */
export function parseConfigsToBeAdded(opts: OptionSet, era: Era, stdout: (s: string) => void): Map<string, string> {
  const props = new Map<string, string>();
  if (opts.has('add-config-file')) {
    for (const [k, v] of loadPropertiesFile(opts.stringValueOf('add-config-file')!)) props.set(k, v);
  }
  if (opts.has('add-config')) {
    const items = javaSplit(opts.stringValueOf('add-config')!, ITEM_SEPARATOR).map((item) => item.split(KEY_VALUE_SEPARATOR));
    if (!items.every((pair) => pair.length === 2)) {
      throw illegalArgument(era === 'zk28'
        ? 'requirement failed: Invalid entity config: all configs to be added must be in the format "key=val".'
        : 'Invalid entity config: all configs to be added must be in the format "key=val" or  "key=[val1,val2]" to group values which contain commas.');
    }
    for (const [k, v] of items) props.set(javaTrim(k), javaTrim(v.replace(/[[\]]/g, '')));
  }
  // 2.8 warned about message.format.version; Kafka 4 no longer knows that config.
  if (era === 'zk28' && props.has('message.format.version')) {
    const v = props.get('message.format.version');
    stdout(`WARNING: The configuration message.format.version=${v} is specified. This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker.\n`);
  }
  if (era === 'kafka4') {
    for (const k of props.keys()) if (!VALID_KEY.test(k)) throw illegalArgument(`Invalid character found for config key: ${k}`);
  }
  return props;
}

/** The config names to delete: every --delete-config value split on commas, trimmed. */
export function parseConfigsToBeDeleted(opts: OptionSet): string[] {
  if (!opts.has('delete-config')) return [];
  return opts.stringValuesOf('delete-config').flatMap((v) => v.split(',')).map((s) => javaTrim(s));
}
