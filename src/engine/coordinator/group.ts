// A classic consumer group's state (Kafka's ClassicGroup): members, static member mapping,
// pending (id handed out, not yet joined) members, protocol votes, generation and the state
// machine Empty → PreparingRebalance → CompletingRebalance → Stable (→ Dead when removed).
// Timers and persistence live in the coordinator; this class only keeps the bookkeeping right.
import { randomUUID } from 'node:crypto';
import { decodeSubscriptionTopics, CONSUMER_PROTOCOL_TYPE } from '../../protocol/consumer-protocol';
import { ErrorCode } from '../../protocol/errors';
import { ClassicGroupMember, JoinProtocol, JoinResult, SyncResult } from './member';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

const VALID_PREVIOUS: Record<GroupState, GroupState[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

/** A Kafka error code raised by a validation (caught and turned into a response). */
export class GroupError extends Error {
  constructor(readonly code: number) {
    super(`group error ${code}`);
  }
}

export class ClassicGroup {
  state: GroupState = 'Empty';
  previousState: GroupState | null = null;
  currentStateTimestamp: number;
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  /** Set while an initial rebalance is delayed and a new member arrived (extends the delay). */
  newMemberAdded = false;
  /** Topics the members subscribe to (consumer protocol only), null when unknown. */
  subscribedTopics: Set<string> | null = null;

  readonly members = new Map<string, ClassicGroupMember>();
  private readonly staticMembers = new Map<string, string>();
  private readonly pendingJoinMembers = new Set<string>();
  private readonly pendingSyncMembers = new Set<string>();
  private readonly supportedProtocols = new Map<string, number>();
  private awaitingJoinCount = 0;

  constructor(readonly groupId: string, now: number = Date.now()) {
    this.currentStateTimestamp = now;
  }

  is(state: GroupState): boolean {
    return this.state === state;
  }

  transitionTo(target: GroupState): void {
    if (!VALID_PREVIOUS[target].includes(this.state)) {
      throw new Error(`Group ${this.groupId} should be in one of [${VALID_PREVIOUS[target].join(', ')}] states before moving to ${target} state. Instead it is in ${this.state} state.`);
    }
    this.previousState = this.state;
    this.state = target;
    this.currentStateTimestamp = Date.now();
  }

  get size(): number {
    return this.members.size;
  }

  hasMember(memberId: string): boolean {
    return this.members.has(memberId);
  }

  member(memberId: string): ClassicGroupMember {
    const m = this.members.get(memberId);
    if (!m) throw new GroupError(ErrorCode.UNKNOWN_MEMBER_ID);
    return m;
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  generateMemberId(clientId: string, groupInstanceId: string | null): string {
    return `${groupInstanceId ?? clientId}-${randomUUID()}`;
  }

  add(member: ClassicGroupMember, onJoin: ((r: JoinResult) => void) | null): void {
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId);
    if (this.members.size === 0) this.protocolType = member.protocolType;
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.members.set(member.memberId, member);
    this.countProtocols(member, 1);
    member.awaitingJoin = onJoin;
    if (onJoin) this.awaitingJoinCount++;
    this.pendingJoinMembers.delete(member.memberId);
  }

  remove(memberId: string): void {
    const m = this.members.get(memberId);
    if (m) {
      this.members.delete(memberId);
      this.countProtocols(m, -1);
      if (m.isAwaitingJoin) this.awaitingJoinCount--;
      if (m.groupInstanceId !== null) this.staticMembers.delete(m.groupInstanceId);
    }
    if (this.isLeader(memberId)) {
      const next = this.members.keys().next();
      this.leaderId = next.done ? null : next.value;
    }
    this.pendingJoinMembers.delete(memberId);
    this.pendingSyncMembers.delete(memberId);
  }

  /** When the leader did not rejoin, pick a member that did; false if nobody rejoined. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    const leader = this.members.get(this.leaderId);
    if (leader && leader.isAwaitingJoin) return true;
    for (const m of this.members.values()) {
      if (m.isAwaitingJoin) {
        this.leaderId = m.memberId;
        return true;
      }
    }
    return false;
  }

  /** A static member rejoined with a new member id: swap ids, fencing whatever the old id had parked. */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string): ClassicGroupMember {
    const old = this.members.get(oldMemberId);
    if (!old) throw new Error(`Cannot replace non-existing member id ${oldMemberId}`);
    this.members.delete(oldMemberId);
    this.completeJoin(old, {
      errorCode: ErrorCode.FENCED_INSTANCE_ID, generationId: -1, protocolType: null, protocolName: null,
      leader: '', memberId: oldMemberId, members: [],
    });
    this.completeSync(old, { errorCode: ErrorCode.FENCED_INSTANCE_ID, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) });
    const m = new ClassicGroupMember(newMemberId, old.groupInstanceId, old.clientId, old.clientHost,
      old.rebalanceTimeoutMs, old.sessionTimeoutMs, old.protocolType, old.protocols);
    m.assignment = old.assignment;
    this.members.set(newMemberId, m);
    if (this.isLeader(oldMemberId)) this.leaderId = newMemberId;
    this.staticMembers.set(groupInstanceId, newMemberId);
    return m;
  }

  isPendingMember(memberId: string): boolean {
    return this.pendingJoinMembers.has(memberId);
  }

  hasPendingMembers(): boolean {
    return this.pendingJoinMembers.size > 0;
  }

  addPendingMember(memberId: string): void {
    this.pendingJoinMembers.add(memberId);
  }

  addPendingSyncMember(memberId: string): void {
    this.pendingSyncMembers.add(memberId);
  }

  removePendingSyncMember(memberId: string): void {
    this.pendingSyncMembers.delete(memberId);
  }

  hasReceivedSyncFromAllMembers(): boolean {
    return this.pendingSyncMembers.size === 0;
  }

  allPendingSyncMembers(): string[] {
    return [...this.pendingSyncMembers];
  }

  clearPendingSyncMembers(): void {
    this.pendingSyncMembers.clear();
  }

  staticMemberId(groupInstanceId: string): string | undefined {
    return this.staticMembers.get(groupInstanceId);
  }

  notYetRejoinedMembers(): ClassicGroupMember[] {
    return [...this.members.values()].filter((m) => !m.isAwaitingJoin);
  }

  hasAllMembersJoined(): boolean {
    return this.members.size === this.awaitingJoinCount && this.pendingJoinMembers.size === 0;
  }

  numAwaitingJoinResponse(): number {
    return this.awaitingJoinCount;
  }

  rebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  /** UNKNOWN_MEMBER_ID / FENCED_INSTANCE_ID checks shared by join, sync, heartbeat, leave and commit. */
  validateMember(memberId: string, groupInstanceId: string | null): void {
    if (groupInstanceId !== null) {
      const existing = this.staticMembers.get(groupInstanceId);
      if (existing === undefined) throw new GroupError(ErrorCode.UNKNOWN_MEMBER_ID);
      if (existing !== memberId) throw new GroupError(ErrorCode.FENCED_INSTANCE_ID);
    }
    if (!this.members.has(memberId)) throw new GroupError(ErrorCode.UNKNOWN_MEMBER_ID);
  }

  canRebalance(): boolean {
    return VALID_PREVIOUS.PreparingRebalance.includes(this.state);
  }

  private countProtocols(m: ClassicGroupMember, delta: number): void {
    for (const p of m.protocols) this.supportedProtocols.set(p.name, (this.supportedProtocols.get(p.name) ?? 0) + delta);
  }

  private candidateProtocols(): Set<string> {
    const out = new Set<string>();
    for (const [name, count] of this.supportedProtocols) if (count === this.members.size) out.add(name);
    return out;
  }

  /** The protocol every member supports that most members prefer. */
  selectProtocol(): string {
    const candidates = this.candidateProtocols();
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const v = m.vote(candidates);
      votes.set(v, (votes.get(v) ?? 0) + 1);
    }
    let best: string | null = null;
    let bestVotes = -1;
    for (const [name, n] of votes) {
      if (n > bestVotes) {
        best = name;
        bestVotes = n;
      }
    }
    return best!;
  }

  supportsProtocols(protocolType: string, protocols: JoinProtocol[]): boolean {
    if (this.is('Empty')) return protocolType !== '' && protocols.length > 0;
    return this.protocolType === protocolType && protocols.some((p) => this.supportedProtocols.get(p.name) === this.members.size);
  }

  updateMember(m: ClassicGroupMember, protocols: JoinProtocol[], rebalanceTimeoutMs: number, sessionTimeoutMs: number,
    onJoin: ((r: JoinResult) => void) | null): void {
    this.countProtocols(m, -1);
    m.protocols = protocols;
    this.countProtocols(m, 1);
    m.rebalanceTimeoutMs = rebalanceTimeoutMs;
    m.sessionTimeoutMs = sessionTimeoutMs;
    if (onJoin && !m.isAwaitingJoin) this.awaitingJoinCount++;
    else if (!onJoin && m.isAwaitingJoin) this.awaitingJoinCount--;
    m.awaitingJoin = onJoin;
  }

  completeJoin(m: ClassicGroupMember, r: JoinResult): boolean {
    const f = m.awaitingJoin;
    if (!f) return false;
    m.awaitingJoin = null;
    this.awaitingJoinCount--;
    f(r);
    return true;
  }

  completeSync(m: ClassicGroupMember, r: SyncResult): boolean {
    const f = m.awaitingSync;
    if (!f) return false;
    m.awaitingSync = null;
    f(r);
    return true;
  }

  initNextGeneration(): void {
    this.generationId++;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.subscribedTopics = this.computeSubscribedTopics();
      this.transitionTo('CompletingRebalance');
    } else {
      this.protocolName = null;
      this.subscribedTopics = this.computeSubscribedTopics();
      this.transitionTo('Empty');
    }
    this.pendingSyncMembers.clear();
  }

  /** JoinGroup's member list for the leader. */
  currentMembers(): JoinResult['members'] {
    return [...this.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadata(this.protocolName) }));
  }

  usesConsumerProtocol(): boolean {
    return this.protocolType === CONSUMER_PROTOCOL_TYPE;
  }

  /** Union of the members' subscribed topics (read as subscription v0, the prefix of every version). */
  computeSubscribedTopics(): Set<string> | null {
    if (this.protocolType !== CONSUMER_PROTOCOL_TYPE) return null;
    if (this.members.size === 0) return new Set();
    if (this.protocolName === null) return null;
    try {
      const topics = new Set<string>();
      for (const m of this.members.values()) {
        for (const t of decodeSubscriptionTopics(m.metadata(this.protocolName))) topics.add(t);
      }
      return topics;
    } catch {
      return null;
    }
  }

  isSubscribedToTopic(topic: string): boolean {
    return this.subscribedTopics ? this.subscribedTopics.has(topic) : this.usesConsumerProtocol();
  }
}
