// The classic group protocol: JoinGroup, SyncGroup, Heartbeat, LeaveGroup and the timers that
// drive a rebalance (initial delay, rebalance timeout, pending sync, session expiry). The rules
// and error codes follow Kafka 3.9's GroupMetadataManager (classicGroupJoin and friends): a
// JoinGroup round completes as soon as every known member has rejoined; otherwise at the
// rebalance timeout, dropping the dynamic members that did not come back.
import { ErrorCode, errorInfo } from '../../protocol/errors';
import { ClassicGroup, GroupError } from './group';
import { ClassicGroupMember, EMPTY_ASSIGNMENT, JoinProtocol, JoinResult, SyncResult } from './member';
import type { GroupCoordinator } from './group-coordinator';

export interface JoinRequest {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string;
  protocols: JoinProtocol[];
}

export interface SyncRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  assignments: { memberId: string; assignment: Buffer }[];
}

export interface RequestInfo {
  apiVersion: number;
  clientId: string;
  clientHost: string;
}

export interface LeaveResult {
  errorCode: number;
  members: { memberId: string; groupInstanceId: string | null; errorCode: number }[];
}

/** JoinGroup carries a reason only from v8 (not spoken here). */
const NOT_PROVIDED = '; client reason: not provided';

const heartbeatKey = (g: string, m: string) => `heartbeat-${g}-${m}`;
const joinKey = (g: string) => `join-${g}`;
const syncKey = (g: string) => `sync-${g}`;

function joinError(memberId: string, errorCode: number): JoinResult {
  return { errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId, members: [] };
}

function syncError(errorCode: number): SyncResult {
  return { errorCode, protocolType: null, protocolName: null, assignment: EMPTY_ASSIGNMENT };
}

/** JoinGroup v4+ makes a new dynamic member rejoin with the id the coordinator hands out (KIP-394). */
const requiresKnownMemberId = (apiVersion: number) => apiVersion >= 4;

export class GroupMembership {
  constructor(private readonly c: GroupCoordinator) {}

  private get timers() {
    return this.c.timers;
  }

  // -------------------------------------------------------------------------------------------
  // JoinGroup

  join(req: JoinRequest, info: RequestInfo): Promise<JoinResult> {
    return new Promise<JoinResult>((resolve) => {
      let answered = false;
      const respond = (r: JoinResult) => {
        if (!answered) {
          answered = true;
          resolve(r);
        }
      };
      if (this.c.closing || !this.c.ownsGroup(req.groupId)) return respond(joinError(req.memberId, ErrorCode.NOT_COORDINATOR));
      const isUnknown = req.memberId === '';
      let group = this.c.groups.get(req.groupId);
      if (!group) {
        if (!isUnknown) return respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
        group = this.c.createGroup(req.groupId);
        // A new group is recorded at once (Kafka writes an empty GroupMetadata record).
        try {
          this.c.persistEmptyGroup(group);
        } catch {
          this.c.groups.delete(req.groupId);
          return respond(joinError(req.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
        }
      }
      if (!this.acceptJoiningMember(group, req.memberId)) {
        group.remove(req.memberId);
        respond(joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED));
      } else if (isUnknown) {
        this.joinNewMember(group, req, info, respond);
      } else {
        this.joinExistingMember(group, req, info, respond);
      }
    });
  }

  private acceptJoiningMember(group: ClassicGroup, memberId: string): boolean {
    const max = this.c.config.groupMaxSize();
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return true;
      case 'PreparingRebalance':
        return (group.hasMember(memberId) && group.member(memberId).isAwaitingJoin) || group.numAwaitingJoinResponse() < max;
      default:
        return group.hasMember(memberId) || group.size < max;
    }
  }

  private joinNewMember(group: ClassicGroup, req: JoinRequest, info: RequestInfo, respond: (r: JoinResult) => void): void {
    if (group.is('Dead')) return respond(joinError('', ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!group.supportsProtocols(req.protocolType, req.protocols)) return respond(joinError('', ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    const newMemberId = group.generateMemberId(info.clientId, req.groupInstanceId);
    if (req.groupInstanceId !== null) {
      const existing = group.staticMemberId(req.groupInstanceId);
      if (existing !== undefined) {
        this.updateStaticMember(group, req, existing, newMemberId, respond);
      } else {
        this.addMemberThenRebalanceOrCompleteJoin(group, req, info, newMemberId, respond);
      }
    } else if (requiresKnownMemberId(info.apiVersion)) {
      group.addPendingMember(newMemberId);
      this.timers.schedule(heartbeatKey(group.groupId, newMemberId), req.sessionTimeoutMs,
        () => this.expireMemberHeartbeat(group.groupId, newMemberId));
      this.c.log(group.groupId, `Dynamic member with unknown member id joins group ${group.groupId} in ${group.state} state. Created a new member id ${newMemberId} and requesting the member to rejoin with this id.`);
      respond(joinError(newMemberId, ErrorCode.MEMBER_ID_REQUIRED));
    } else {
      this.addMemberThenRebalanceOrCompleteJoin(group, req, info, newMemberId, respond);
    }
  }

  private joinExistingMember(group: ClassicGroup, req: JoinRequest, info: RequestInfo, respond: (r: JoinResult) => void): void {
    const memberId = req.memberId;
    if (group.is('Dead')) return respond(joinError(memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!group.supportsProtocols(req.protocolType, req.protocols)) return respond(joinError(memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    if (group.isPendingMember(memberId)) {
      if (req.groupInstanceId !== null) return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      return this.addMemberThenRebalanceOrCompleteJoin(group, req, info, memberId, respond);
    }
    try {
      group.validateMember(memberId, req.groupInstanceId);
    } catch (e) {
      if (e instanceof GroupError) return respond(joinError(memberId, e.code));
      throw e;
    }
    const member = group.member(memberId);
    switch (group.state) {
      case 'PreparingRebalance':
        return this.updateMemberThenRebalanceOrCompleteJoin(group, member, req, respond,
          `Member ${memberId} is joining group during ${group.state}${NOT_PROVIDED}`);
      case 'CompletingRebalance':
        if (member.matches(req.protocols)) {
          // It missed the JoinGroup response: send the current generation again.
          return respond(this.joinResponse(group, member, group.isLeader(memberId)));
        }
        return this.updateMemberThenRebalanceOrCompleteJoin(group, member, req, respond,
          `Updating metadata for member ${memberId} during ${group.state}${NOT_PROVIDED}`);
      case 'Stable':
        if (group.isLeader(memberId) || !member.matches(req.protocols)) {
          // The leader rejoining (e.g. for a metadata change) or changed metadata: rebalance.
          return this.updateMemberThenRebalanceOrCompleteJoin(group, member, req, respond, group.isLeader(memberId)
            ? `Leader ${memberId} re-joining group during ${group.state}${NOT_PROVIDED}`
            : `Updating metadata for member ${memberId} during ${group.state}${NOT_PROVIDED}`);
        }
        return respond(this.joinResponse(group, member, false));
      default:
        return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  private joinResponse(group: ClassicGroup, member: ClassicGroupMember, withMembers: boolean): JoinResult {
    return {
      errorCode: ErrorCode.NONE, generationId: group.generationId, protocolType: group.protocolType,
      protocolName: group.protocolName, leader: group.leaderId ?? '', memberId: member.memberId,
      members: withMembers ? group.currentMembers() : [],
    };
  }

  private addMemberThenRebalanceOrCompleteJoin(group: ClassicGroup, req: JoinRequest, info: RequestInfo, memberId: string,
    respond: (r: JoinResult) => void): void {
    const member = new ClassicGroupMember(memberId, req.groupInstanceId, info.clientId, info.clientHost,
      req.rebalanceTimeoutMs, req.sessionTimeoutMs, req.protocolType, req.protocols);
    member.isNew = true;
    if (group.is('PreparingRebalance') && group.previousState === 'Empty') group.newMemberAdded = true;
    group.add(member, respond);
    // A parked JoinGroup cannot heartbeat: time new members out after the new-member join timeout.
    this.rescheduleHeartbeat(group, member, this.c.config.newMemberJoinTimeoutMs());
    this.maybePrepareRebalanceOrCompleteJoin(group, `Adding new member ${memberId} with group instance id ${req.groupInstanceId}${NOT_PROVIDED}`);
  }

  private updateMemberThenRebalanceOrCompleteJoin(group: ClassicGroup, member: ClassicGroupMember, req: JoinRequest,
    respond: (r: JoinResult) => void, reason: string): void {
    group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond);
    this.maybePrepareRebalanceOrCompleteJoin(group, reason);
  }

  private updateStaticMember(group: ClassicGroup, req: JoinRequest, oldMemberId: string, newMemberId: string,
    respond: (r: JoinResult) => void): void {
    const currentLeader = group.leaderId;
    const newMember = group.replaceStaticMember(req.groupInstanceId!, oldMemberId, newMemberId);
    this.timers.cancel(heartbeatKey(group.groupId, oldMemberId));
    this.rescheduleHeartbeat(group, newMember);
    const old = { protocols: newMember.protocols, rebalance: newMember.rebalanceTimeoutMs, session: newMember.sessionTimeoutMs };
    group.updateMember(newMember, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond);
    switch (group.state) {
      case 'Stable':
        if ((group.protocolName ?? '') === group.selectProtocol()) {
          // Same protocol: keep the assignment, just record the new member id.
          try {
            this.c.persistGroup(group);
          } catch {
            group.updateMember(newMember, old.protocols, old.rebalance, old.session, null);
            const back = group.replaceStaticMember(req.groupInstanceId!, newMemberId, oldMemberId);
            this.rescheduleHeartbeat(group, back);
            respond({ ...joinError('', ErrorCode.COORDINATOR_NOT_AVAILABLE), generationId: group.generationId, leader: currentLeader ?? '' });
            return;
          }
          group.completeJoin(newMember, {
            errorCode: ErrorCode.NONE, generationId: group.generationId, protocolType: group.protocolType,
            protocolName: group.protocolName, leader: currentLeader ?? '', memberId: newMemberId, members: [],
          });
          return;
        }
        return this.maybePrepareRebalanceOrCompleteJoin(group, `Group's selectedProtocol will change because static member ${newMemberId} with instance id ${req.groupInstanceId} joined with change of protocol${NOT_PROVIDED}`);
      case 'CompletingRebalance':
        return this.prepareRebalance(group, `Updating metadata for static member ${newMemberId} with instance id ${req.groupInstanceId}${NOT_PROVIDED}`);
      default:
        return this.maybeCompleteJoinPhase(group);
    }
  }

  private maybePrepareRebalanceOrCompleteJoin(group: ClassicGroup, reason: string): void {
    if (group.canRebalance()) this.prepareRebalance(group, reason);
    else this.maybeCompleteJoinPhase(group);
  }

  private maybeCompleteJoinPhase(group: ClassicGroup): void {
    // The initial rebalance of an Empty group waits for its delay timer instead.
    if (group.is('PreparingRebalance') && group.hasAllMembersJoined() && group.previousState !== 'Empty') {
      this.completeJoin(group);
    }
  }

  prepareRebalance(group: ClassicGroup, reason: string): void {
    if (group.is('CompletingRebalance')) this.resetAndPropagateAssignmentWithError(group, ErrorCode.REBALANCE_IN_PROGRESS);
    group.clearPendingSyncMembers();
    this.timers.cancel(syncKey(group.groupId));
    const isInitial = group.is('Empty');
    if (isInitial) {
      const delay = this.c.config.initialRebalanceDelayMs();
      const remaining = Math.max(group.rebalanceTimeoutMs() - delay, 0);
      this.timers.schedule(joinKey(group.groupId), delay, () => this.tryCompleteInitialRebalance(group.groupId, delay, remaining));
    }
    group.transitionTo('PreparingRebalance');
    this.c.log(group.groupId, `Preparing to rebalance group ${group.groupId} in state ${group.state} with old generation ${group.generationId} (reason: ${reason}).`);
    if (!isInitial) {
      if (group.hasAllMembersJoined()) {
        this.completeJoin(group);
      } else {
        this.timers.schedule(joinKey(group.groupId), group.rebalanceTimeoutMs(), () => this.completeJoinById(group.groupId));
      }
    }
  }

  private tryCompleteInitialRebalance(groupId: string, delayMs: number, remainingMs: number): void {
    const group = this.c.groups.get(groupId);
    if (!group) return;
    if (group.newMemberAdded && remainingMs !== 0) {
      group.newMemberAdded = false;
      const newDelay = Math.min(this.c.config.initialRebalanceDelayMs(), remainingMs);
      const newRemaining = Math.max(remainingMs - delayMs, 0);
      this.timers.schedule(joinKey(groupId), newDelay, () => this.tryCompleteInitialRebalance(groupId, newDelay, newRemaining));
    } else {
      this.completeJoin(group);
    }
  }

  private completeJoinById(groupId: string): void {
    const group = this.c.groups.get(groupId);
    if (group) this.completeJoin(group);
  }

  /** End the join phase: drop dynamic members that did not rejoin, start the next generation. */
  private completeJoin(group: ClassicGroup): void {
    this.timers.cancel(joinKey(group.groupId));
    for (const m of group.notYetRejoinedMembers()) {
      if (m.isStatic) continue;
      group.remove(m.memberId);
      this.timers.cancel(heartbeatKey(group.groupId, m.memberId));
    }
    if (group.is('Dead')) return;
    if (!group.maybeElectNewJoinedLeader() && group.size > 0) {
      // Nobody rejoined: try again after another rebalance timeout (sessions will expire meanwhile).
      this.timers.schedule(joinKey(group.groupId), group.rebalanceTimeoutMs(), () => this.completeJoinById(group.groupId));
      return;
    }
    group.initNextGeneration();
    if (group.is('Empty')) {
      try {
        this.c.persistGroup(group);
      } catch {
        // Like Kafka: an Empty generation that failed to persist only loses that record.
      }
      this.c.onGroupEmpty(group);
      return;
    }
    this.c.log(group.groupId, `Stabilized group ${group.groupId} generation ${group.generationId} with ${group.size} members.`);
    for (const m of [...group.members.values()]) {
      group.completeJoin(m, this.joinResponse(group, m, group.isLeader(m.memberId)));
      this.rescheduleHeartbeat(group, m);
      m.isNew = false;
      group.addPendingSyncMember(m.memberId);
    }
    const generation = group.generationId;
    this.timers.schedule(syncKey(group.groupId), group.rebalanceTimeoutMs(), () => this.expirePendingSync(group.groupId, generation));
  }

  private expirePendingSync(groupId: string, generationId: number): void {
    const group = this.c.groups.get(groupId);
    if (!group || group.generationId !== generationId) return;
    if ((group.is('CompletingRebalance') || group.is('Stable')) && !group.hasReceivedSyncFromAllMembers()) {
      const pending = group.allPendingSyncMembers();
      for (const id of pending) {
        group.remove(id);
        this.timers.cancel(heartbeatKey(groupId, id));
      }
      this.prepareRebalance(group, `Removing [${pending.join(', ')}] on pending sync request expiration`);
    }
  }

  private resetAndPropagateAssignmentWithError(group: ClassicGroup, errorCode: number): void {
    for (const m of group.members.values()) m.assignment = EMPTY_ASSIGNMENT;
    this.propagateAssignment(group, errorCode);
  }

  private propagateAssignment(group: ClassicGroup, errorCode: number): void {
    const ok = errorCode === ErrorCode.NONE;
    for (const m of [...group.members.values()]) {
      const sent = group.completeSync(m, {
        errorCode, protocolType: ok ? group.protocolType : null, protocolName: ok ? group.protocolName : null, assignment: m.assignment,
      });
      if (sent) this.rescheduleHeartbeat(group, m);
    }
  }

  // -------------------------------------------------------------------------------------------
  // SyncGroup

  sync(req: SyncRequest, protocolType: string | null, protocolName: string | null): Promise<SyncResult> {
    return new Promise<SyncResult>((resolve) => {
      if (this.c.closing || !this.c.ownsGroup(req.groupId)) return resolve(syncError(ErrorCode.NOT_COORDINATOR));
      const group = this.c.groups.get(req.groupId);
      if (!group || group.is('Empty')) return resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      if (group.is('Dead')) return resolve(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
      try {
        group.validateMember(req.memberId, req.groupInstanceId);
      } catch (e) {
        if (e instanceof GroupError) return resolve(syncError(e.code));
        throw e;
      }
      if (req.generationId !== group.generationId) return resolve(syncError(ErrorCode.ILLEGAL_GENERATION));
      if ((protocolType !== null && protocolType !== group.protocolType) || (protocolName !== null && protocolName !== group.protocolName)) {
        return resolve(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
      }
      const member = group.member(req.memberId);
      switch (group.state) {
        case 'PreparingRebalance':
          return resolve(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
        case 'CompletingRebalance': {
          member.awaitingSync = resolve;
          this.removePendingSyncMember(group, req.memberId);
          if (group.isLeader(req.memberId)) {
            const statics = [...group.members.values()].filter((m) => m.isStatic).length;
            this.c.log(group.groupId, `Assignment received from leader ${req.memberId} for group ${group.groupId} for generation ${group.generationId}. The group has ${group.size} members, ${statics} of which are static.`);
            const assignment = new Map<string, Buffer>();
            for (const a of req.assignments) assignment.set(a.memberId, a.assignment);
            for (const id of group.members.keys()) if (!assignment.has(id)) assignment.set(id, EMPTY_ASSIGNMENT);
            try {
              this.c.persistGroup(group, assignment);
            } catch {
              this.resetAndPropagateAssignmentWithError(group, ErrorCode.COORDINATOR_NOT_AVAILABLE);
              this.maybePrepareRebalanceOrCompleteJoin(group, `Error COORDINATOR_NOT_AVAILABLE when storing group assignment during SyncGroup (member: ${req.memberId}).`);
              return;
            }
            // As Kafka's storeGroup (acks=all): the members get their assignment once the
            // partition's ISR has the generation, so a coordinator failover right after a
            // rebalance still knows them (else they were told UNKNOWN_MEMBER_ID and re-read).
            const generation = group.generationId;
            const stored = (code: number): void => {
              // Another member may have joined meanwhile: only the same rebalance completes.
              if (!group.is('CompletingRebalance') || group.generationId !== generation) return;
              if (code !== ErrorCode.NONE) {
                this.resetAndPropagateAssignmentWithError(group, code);
                this.maybePrepareRebalanceOrCompleteJoin(group, `Error ${errorInfo(code).name} when storing group assignment during SyncGroup (member: ${req.memberId}).`);
                return;
              }
              for (const m of group.members.values()) m.assignment = assignment.get(m.memberId) ?? EMPTY_ASSIGNMENT;
              this.propagateAssignment(group, ErrorCode.NONE);
              group.transitionTo('Stable');
            };
            const wait = this.c.replicationWait();
            if (wait) void wait.then(stored);
            else stored(ErrorCode.NONE);
          }
          return;
        }
        case 'Stable':
          this.removePendingSyncMember(group, req.memberId);
          return resolve({ errorCode: ErrorCode.NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment });
        default:
          return resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      }
    });
  }

  private removePendingSyncMember(group: ClassicGroup, memberId: string): void {
    group.removePendingSyncMember(memberId);
    if (group.hasReceivedSyncFromAllMembers()) this.timers.cancel(syncKey(group.groupId));
  }

  // -------------------------------------------------------------------------------------------
  // Heartbeat

  heartbeat(groupId: string, memberId: string, groupInstanceId: string | null, generationId: number): number {
    if (!this.c.ownsGroup(groupId)) return ErrorCode.NOT_COORDINATOR;
    const group = this.c.groups.get(groupId);
    if (!group) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    try {
      group.validateMember(memberId, groupInstanceId);
    } catch (e) {
      if (e instanceof GroupError) return e.code;
      throw e;
    }
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    switch (group.state) {
      case 'Empty':
        return ErrorCode.UNKNOWN_MEMBER_ID;
      case 'PreparingRebalance':
        this.rescheduleHeartbeat(group, group.member(memberId));
        return ErrorCode.REBALANCE_IN_PROGRESS;
      default:
        this.rescheduleHeartbeat(group, group.member(memberId));
        return ErrorCode.NONE;
    }
  }

  rescheduleHeartbeat(group: ClassicGroup, member: ClassicGroupMember, timeoutMs = member.sessionTimeoutMs): void {
    const groupId = group.groupId;
    const memberId = member.memberId;
    this.timers.schedule(heartbeatKey(groupId, memberId), timeoutMs, () => this.expireMemberHeartbeat(groupId, memberId));
  }

  private expireMemberHeartbeat(groupId: string, memberId: string): void {
    const group = this.c.groups.get(groupId);
    if (!group || group.is('Dead')) return;
    if (group.isPendingMember(memberId)) {
      group.remove(memberId);
      if (group.is('PreparingRebalance') && group.hasAllMembersJoined()) this.completeJoin(group);
      return;
    }
    const member = group.members.get(memberId);
    if (!member) return;
    // Members parked in JoinGroup/SyncGroup satisfy their heartbeats (new ones excepted).
    if (!member.isNew && (member.isAwaitingJoin || member.isAwaitingSync)) return;
    this.c.log(groupId, `Member ${memberId} in group ${groupId} has failed, removing it from the group.`);
    this.removeMemberAndUpdateGroup(group, member);
  }

  private removeMemberAndUpdateGroup(group: ClassicGroup, member: ClassicGroupMember): void {
    // A member parked in JoinGroup gets UNKNOWN_MEMBER_ID so that, if still alive, it rejoins.
    group.completeJoin(member, joinError('', ErrorCode.UNKNOWN_MEMBER_ID));
    group.remove(member.memberId);
    if (group.is('Stable') || group.is('CompletingRebalance')) this.maybePrepareRebalanceOrCompleteJoin(group, `removing member ${member.memberId} on heartbeat expiration.`);
    else if (group.is('PreparingRebalance') && group.hasAllMembersJoined()) this.completeJoin(group);
  }

  // -------------------------------------------------------------------------------------------
  // LeaveGroup

  leave(groupId: string, members: { memberId: string; groupInstanceId: string | null }[]): LeaveResult {
    if (!this.c.ownsGroup(groupId)) return { errorCode: ErrorCode.NOT_COORDINATOR, members: [] };
    const group = this.c.groups.get(groupId);
    if (!group) return { errorCode: ErrorCode.UNKNOWN_MEMBER_ID, members: [] };
    if (group.is('Dead')) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    const out: LeaveResult['members'] = [];
    let removed = 0;
    for (const m of members) {
      let code: number = ErrorCode.NONE;
      if (m.memberId === '') {
        const id = m.groupInstanceId !== null ? group.staticMemberId(m.groupInstanceId) : undefined;
        if (id !== undefined) this.removeCurrentMember(group, id);
        else code = ErrorCode.UNKNOWN_MEMBER_ID;
      } else if (group.isPendingMember(m.memberId)) {
        group.remove(m.memberId);
        this.timers.cancel(heartbeatKey(groupId, m.memberId));
      } else {
        try {
          group.validateMember(m.memberId, m.groupInstanceId);
          this.removeCurrentMember(group, m.memberId);
        } catch (e) {
          if (!(e instanceof GroupError)) throw e;
          code = e.code;
        }
      }
      if (code === ErrorCode.NONE) removed++;
      out.push({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode: code });
    }
    if (removed > 0) {
      const reason = `explicit \`LeaveGroup\` request for (${out.filter((m) => m.errorCode === ErrorCode.NONE).map((m) => m.memberId).join(', ')}) members.`;
      if (group.is('Stable') || group.is('CompletingRebalance')) this.maybePrepareRebalanceOrCompleteJoin(group, reason);
      else if (group.is('PreparingRebalance')) this.maybeCompleteJoinPhase(group);
    }
    return { errorCode: ErrorCode.NONE, members: out };
  }

  private removeCurrentMember(group: ClassicGroup, memberId: string): void {
    const member = group.member(memberId);
    this.c.log(group.groupId, `[Group ${group.groupId}] Member ${memberId} has left group through explicit \`LeaveGroup\` request; client reason: not provided`);
    this.timers.cancel(heartbeatKey(group.groupId, memberId));
    group.completeJoin(member, joinError('', ErrorCode.UNKNOWN_MEMBER_ID));
    group.remove(memberId);
  }

  /** Engine shutdown: answer every parked JoinGroup/SyncGroup so connections can drain. */
  releaseAll(): void {
    for (const group of this.c.groups.values()) this.release(group);
  }

  /** A group leaves this coordinator: parked requests get NOT_COORDINATOR, its timers stop. */
  release(group: ClassicGroup): void {
    for (const m of group.members.values()) {
      group.completeJoin(m, joinError(m.memberId, ErrorCode.NOT_COORDINATOR));
      group.completeSync(m, syncError(ErrorCode.NOT_COORDINATOR));
      this.timers.cancel(heartbeatKey(group.groupId, m.memberId));
    }
    this.timers.cancel(joinKey(group.groupId));
    this.timers.cancel(syncKey(group.groupId));
  }
}
