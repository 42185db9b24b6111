// One member of a classic group (Kafka's ClassicGroupMember): its identity, timeouts, the
// protocols it offered in JoinGroup, its assignment, and the JoinGroup/SyncGroup requests it has
// parked at the coordinator (answered when the rebalance moves on).

export interface JoinProtocol {
  name: string;
  metadata: Buffer;
}

export interface JoinResult {
  errorCode: number;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  memberId: string;
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
}

export interface SyncResult {
  errorCode: number;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
}

export const EMPTY_ASSIGNMENT = Buffer.alloc(0);

export class ClassicGroupMember {
  assignment: Buffer = EMPTY_ASSIGNMENT;
  awaitingJoin: ((r: JoinResult) => void) | null = null;
  awaitingSync: ((r: SyncResult) => void) | null = null;
  /** Joined in the current rebalance and not yet given a generation (longer join timeout). */
  isNew = false;

  constructor(
    readonly memberId: string,
    readonly groupInstanceId: string | null,
    readonly clientId: string,
    readonly clientHost: string,
    public rebalanceTimeoutMs: number,
    public sessionTimeoutMs: number,
    readonly protocolType: string,
    public protocols: JoinProtocol[],
  ) {}

  get isStatic(): boolean {
    return this.groupInstanceId !== null;
  }

  get isAwaitingJoin(): boolean {
    return this.awaitingJoin !== null;
  }

  get isAwaitingSync(): boolean {
    return this.awaitingSync !== null;
  }

  /** The metadata this member offered for a protocol (empty if it did not offer it). */
  metadata(protocol: string | null): Buffer {
    return this.protocols.find((p) => p.name === protocol)?.metadata ?? EMPTY_ASSIGNMENT;
  }

  /** Same protocols, in the same order, with the same metadata. */
  matches(protocols: JoinProtocol[]): boolean {
    if (protocols.length !== this.protocols.length) return false;
    return protocols.every((p, i) => p.name === this.protocols[i].name && p.metadata.equals(this.protocols[i].metadata));
  }

  /** This member's preferred protocol among the candidates (its own order is its preference). */
  vote(candidates: ReadonlySet<string>): string {
    const p = this.protocols.find((x) => candidates.has(x.name));
    if (!p) throw new Error(`Member ${this.memberId} does not support any of the candidate protocols`);
    return p.name;
  }
}
