// What each overridden topic config would be without its override: the next synonym of the
// entry (a dynamic or static broker setting, from DescribeConfigs with synonyms; hours and
// minutes turned into the topic config's ms), else Kafka's own default for the topic config. Asked again only when a topic's overrides change, so an idle view costs nothing here.
import { ConfigResourceType, ConfigSource, type Admin } from '../../client/admin';
import { topicConfigDef } from '../../config/topic-configs';
import { KafkaError } from '../../protocol/errors';
import type { StatusDocument } from '../status/model';

export class ConfigDefaults {
  private readonly known = new Map<string, { overrides: string; defaults: Record<string, string | null> }>();

  constructor(private readonly admin: Admin) {}

  async update(doc: StatusDocument): Promise<void> {
    const stale = doc.topics.filter((t) => Object.keys(t.configs).length > 0 && this.known.get(t.name)?.overrides !== JSON.stringify(t.configs));
    const names = new Set(doc.topics.map((t) => t.name));
    for (const name of this.known.keys()) if (!names.has(name)) this.known.delete(name);
    if (stale.length === 0) return;
    const described = await this.admin.describeConfigs(ConfigResourceType.TOPIC, stale.map((t) => t.name), true);
    for (const t of stale) {
      const entries = described.get(t.name);
      if (!entries || entries instanceof KafkaError) continue;
      const defaults: Record<string, string | null> = {};
      for (const e of entries) {
        if (!(e.name in t.configs)) continue;
        defaults[e.name] = beneath(e.name, e.synonyms);
      }
      this.known.set(t.name, { overrides: JSON.stringify(t.configs), defaults });
    }
  }

  all(): Record<string, Record<string, string | null>> {
    return Object.fromEntries([...this.known].map(([name, k]) => [name, k.defaults]));
  }
}

const FACTOR: Record<string, number> = { MINUTES_TO_MILLISECONDS: 60000, HOURS_TO_MILLISECONDS: 3600000 };

function beneath(name: string, synonyms: { name: string; value: string | null; source: number }[]): string | null {
  const def = topicConfigDef(name);
  const s = synonyms.find((x) => x.source !== ConfigSource.DYNAMIC_TOPIC_CONFIG && x.value !== null);
  if (!s) return def ? def.default : null;
  const converter = def?.synonyms.find((b) => b.name === s.name)?.converter;
  return converter && /^\d+$/.test(s.value!) ? String(Number(s.value) * FACTOR[converter]) : s.value;
}
