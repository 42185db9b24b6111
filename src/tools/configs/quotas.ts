// kafka-configs for users, clients and IPs with --bootstrap-server: client quotas and users' SCRAM
// credentials, as Kafka 4.4's ConfigCommand describes and alters them (describeQuotaConfigs,
// describeClientQuotaAndUserScramCredentialConfigs, alterQuotaConfigs,
// alterUserScramCredentialConfigs), with its texts and Java map orders.
import { JavaException } from '../../cli/errors';
import { MatchType, QuotaAdmin, SCRAM_MECHANISMS, type QuotaEntry } from '../../client/quota-admin';
import { javaDoubleToString } from '../../config/types';
import { javaHashMapOrder, javaHashMapOrderBy, javaHashMapOrderByHash, javaQuotaEntityHashCode } from '../../util/java-hash';
import { parseJavaDouble } from '../../util/java-lang';
import { CLIENTS, IPS, USERS } from './options';

/** kafka-configs entity types -> ClientQuotaEntity types. */
const QUOTA_TYPE: Record<string, string> = { [USERS]: 'user', [CLIENTS]: 'client-id', [IPS]: 'ip' };
/** How ConfigCommand names them in its texts. */
const TYPE_TEXT: Record<string, string> = { user: 'user-principal', 'client-id': 'client-id', ip: 'ip' };

function quotaType(entityType: string): string {
  const t = QUOTA_TYPE[entityType];
  if (!t) throw new JavaException('java.lang.IllegalArgumentException', `Unexpected entity type: ${entityType}`);
  return t;
}

/** `user-principal 'alice', the default client-id`: user, client id and IP, in that order. */
function entityText(entity: readonly [string, string | null][]): string {
  const byType = new Map(entity);
  return ['user', 'client-id', 'ip'].filter((t) => byType.has(t)).map((t) => {
    const n = byType.get(t) ?? null;
    return n === null ? `the default ${TYPE_TEXT[t]}` : `${TYPE_TEXT[t]} '${n}'`;
  }).join(', ');
}

/** The filter kafka-configs describes with: each type by its name, the default (''), or any name. */
function filterOf(types: readonly string[], names: readonly string[]) {
  return types.map((type, i) => {
    const entityType = quotaType(type);
    if (i >= names.length) return { entityType, matchType: MatchType.SPECIFIED, match: null };
    if (names[i] === '') return { entityType, matchType: MatchType.DEFAULT, match: null };
    return { entityType, matchType: MatchType.EXACT, match: names[i] };
  });
}

/** ConfigCommand.describeQuotaConfigs. */
export async function describeQuotaConfigs(q: QuotaAdmin, types: readonly string[], names: readonly string[], out: (s: string) => void): Promise<void> {
  const entries = await q.describeClientQuotas(filterOf(types, names), true);
  // The admin client collects the entities into `new HashMap<>(n)`, the values likewise.
  for (const e of javaHashMapOrderByHash(entries, (x: QuotaEntry) => javaQuotaEntityHashCode(x.entity), { initialCapacity: entries.length })) {
    const values = javaHashMapOrderBy(e.values, ([k]) => k, { initialCapacity: e.values.length });
    out(`Quota configs for ${entityText(e.entity)} are ${values.map(([k, v]) => `${k}=${javaDoubleToString(v)}`).join(', ')}`);
  }
}

/** ConfigCommand.describeClientQuotaAndUserScramCredentialConfigs (users, clients). */
export async function describeClientQuotaAndUserScramCredentialConfigs(
  q: QuotaAdmin, types: readonly string[], names: readonly string[], out: (s: string) => void,
): Promise<void> {
  await describeQuotaConfigs(q, types, names, out);
  if (types.includes(CLIENTS) || names.includes('')) return;
  for (const u of await q.describeUserScramCredentials(names)) {
    out(`SCRAM credential configs for user-principal '${u.user}' are ${u.credentials.map((c) => `${c.mechanism}=iterations=${c.iterations}`).join(', ')}`);
  }
}

/** ConfigCommand.alterQuotaConfigs: deleted keys must be set; values are Java doubles. */
export async function alterQuotaConfigs(
  q: QuotaAdmin, types: readonly string[], names: readonly string[], added: ReadonlyMap<string, string>, deleted: readonly string[],
): Promise<void> {
  const exact = types.map((type, i) => {
    const entityType = quotaType(type);
    return names[i] === '' ? { entityType, matchType: MatchType.DEFAULT, match: null } : { entityType, matchType: MatchType.EXACT, match: names[i] };
  });
  const current = new Set((await q.describeClientQuotas(exact, true))[0]?.values.map(([k]) => k) ?? []);
  const invalid = deleted.filter((k) => !current.has(k));
  if (invalid.length > 0) {
    throw new JavaException('org.apache.kafka.common.errors.InvalidConfigurationException', `Invalid config(s): ${invalid.join(',')}`);
  }
  const entity: [string, string | null][] = types.map((type, i) => [quotaType(type), names[i] === '' ? null : names[i]]);
  const sets = javaHashMapOrder(added.keys()).map((key) => {
    const raw = added.get(key) as string;
    const value = parseJavaDouble(raw);
    if (value === null) throw new JavaException('java.lang.IllegalArgumentException', `Cannot parse quota configuration value for ${key}: ${raw}`);
    return { key, value };
  });
  await q.alterClientQuotas(javaHashMapOrderBy(entity, ([t]) => t), [...sets, ...deleted.map((key) => ({ key, value: null }))]);
}

const CREDENTIAL = /^(?:iterations=(-?[0-9]*),)?password=(.*)$/s;

/** ConfigCommand.alterUserScramCredentialConfigs: `SCRAM-SHA-256=[iterations=8192,password=secret]`. */
export async function alterUserScramCredentialConfigs(
  q: QuotaAdmin, user: string, added: ReadonlyMap<string, string>, deleted: readonly string[],
): Promise<void> {
  const upsertions = javaHashMapOrder(added.keys()).map((mechanism) => {
    const m = SCRAM_MECHANISMS.get(mechanism)!;
    const value = added.get(mechanism) as string;
    const match = CREDENTIAL.exec(value);
    if (!match) throw new JavaException('java.lang.IllegalArgumentException', `Invalid credential property ${m.enumName}=${value}`);
    if (match[1] !== undefined && !/^-?[0-9]+$/.test(match[1])) {
      throw new JavaException('java.lang.NumberFormatException', `For input string: "${match[1]}"`);
    }
    const iterations = match[1] === undefined ? m.minIterations : Number.parseInt(match[1], 10);
    if (iterations < m.minIterations) {
      throw new JavaException('java.lang.IllegalArgumentException', `Iterations ${iterations} is less than the minimum ${m.minIterations} required for ${mechanism}`);
    }
    return { user, mechanism, iterations, password: match[2] };
  });
  await q.alterUserScramCredentials(deleted.map((mechanism) => ({ user, mechanism })), upsertions);
}
