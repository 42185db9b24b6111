// Who owns and where each group stands on every partition: what the logs draw under their cells
// and the groups panel draws as member cards. One colour per member, the same in both.
import type { StatusDocument } from '../../tools/ui/snapshot';
import { memberColour } from './colours';

export interface Owner {
  group: string;
  clientId: string;
  memberId: string;
  colour: string;
}

export interface Position {
  group: string;
  committed: number | null;
  lag: number | null;
}

export interface Ownership {
  /** By `topic:partition`. */
  owners: Map<string, Owner[]>;
  positions: Map<string, Position[]>;
  /** By `group\0memberId`. */
  colours: Map<string, string>;
}

export function ownership(doc: StatusDocument): Ownership {
  const owners = new Map<string, Owner[]>();
  const positions = new Map<string, Position[]>();
  const colours = new Map<string, string>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const g of doc.groups) {
    g.members.forEach((m, i) => {
      const colour = memberColour(i);
      colours.set(`${g.groupId}\0${m.memberId}`, colour);
      for (const a of m.assignment) for (const p of a.partitions) push(owners, `${a.topic}:${p}`, { group: g.groupId, clientId: m.clientId, memberId: m.memberId, colour });
    });
    for (const t of g.topics) for (const p of t.partitions) push(positions, `${t.topic}:${p.partition}`, { group: g.groupId, committed: p.committedOffset, lag: p.lag });
  }
  return { owners, positions, colours };
}
