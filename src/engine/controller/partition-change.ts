// How a partition's leader and ISR change (Kafka's PartitionChangeBuilder): given the current
// registration and a target ISR (or replicas), elect a leader the way Kafka does and produce
// the PartitionChangeRecord, or nothing when nothing changes.
//
// Election: keep the current leader while it is still acceptable (in the target ISR, or in the
// ELR when the ISR is empty, and alive); else the first acceptable replica in preferred order;
// a preferred election tries the first replica first; an unclean election (when
// unclean.leader.election.enable) may take any live replica and resets the ISR to it, marking
// the leader as recovering. With eligible leader replicas (KIP-966, on in Kafka 4's clusters)
// the ISR may become empty: replicas that left it while it was below min.insync.replicas are
// kept as eligible leaders (ELR) and can be elected cleanly later. LastKnownElr then holds
// the last leader (Kafka 4's balanced recovery): when a partition goes leaderless it remembers
// who led, and once the ISR and ELR are both empty (that broker came back from an unclean
// shutdown) the last leader is elected again, uncleanly, so the partition is not offline forever.
import type { PartitionChangeRecord } from '../metadata/records';
import type { PartitionRegistration } from '../metadata/image';

export const NO_LEADER = -1;

export type Election = 'online' | 'preferred' | 'unclean';

export interface PartitionChangeInput {
  topicId: string;
  partitionId: number;
  current: PartitionRegistration;
  /** May this broker lead (registered, unfenced, not shutting down)? */
  isAcceptableLeader: (brokerId: number) => boolean;
  minIsr: number;
  elrEnabled: boolean;
  election?: Election;
  targetIsr?: number[];
  targetReplicas?: number[];
  targetRemoving?: number[];
  targetAdding?: number[];
  targetLeaderRecoveryState?: 0 | 1;
  /** Replicas that shut down uncleanly: never leaders, dropped from ISR and ELR. */
  uncleanShutdownReplicas?: number[];
}

const sameList = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const containsAll = (a: readonly number[], b: readonly number[]): boolean => b.every((x) => a.includes(x));

export function buildPartitionChange(input: PartitionChangeInput): PartitionChangeRecord | undefined {
  const p = input.current;
  let targetIsr = input.targetIsr ?? p.isr;
  let targetReplicas = input.targetReplicas ?? p.replicas;
  let targetRemoving = input.targetRemoving ?? p.removingReplicas;
  let targetAdding = input.targetAdding ?? p.addingReplicas;
  let targetElr = p.elr;
  const election = input.election ?? 'online';
  const unclean = new Set(input.uncleanShutdownReplicas ?? []);
  const record: PartitionChangeRecord = { type: 'PartitionChange', topicId: input.topicId, partitionId: input.partitionId };

  // A reassignment completes once every adding replica is in the ISR: the removed ones leave.
  if (targetAdding.length > 0 || targetRemoving.length > 0) {
    if (containsAll(targetIsr, targetAdding)) {
      const removing = new Set(targetRemoving);
      const isr = targetIsr.filter((r) => !removing.has(r));
      if (isr.length > 0) {
        targetIsr = isr;
        targetReplicas = targetReplicas.filter((r) => !removing.has(r));
        targetRemoving = [];
        targetAdding = [];
      }
    }
  }

  // ELR: while the ISR is below min.insync.replicas, former ISR members stay eligible.
  if (input.elrEnabled) {
    if (targetIsr.length >= input.minIsr) {
      targetElr = [];
    } else {
      const candidates = new Set([...targetElr, ...p.isr]);
      targetElr = [...candidates].filter((r) => !targetIsr.includes(r) && !unclean.has(r));
    }
  }

  const isValidNewLeader = (r: number): boolean =>
    (targetIsr.includes(r) || (targetIsr.length === 0 && targetElr.includes(r))) && input.isAcceptableLeader(r);

  // As Kafka, the last known leader is taken without asking whether it is alive yet.
  const lastKnownLeader = input.elrEnabled && targetIsr.length === 0 && targetElr.length === 0 && p.lastKnownElr.length === 1
    ? p.lastKnownElr[0] : undefined;

  let elected = NO_LEADER;
  let uncleanElection = false;
  if (election === 'preferred' && isValidNewLeader(targetReplicas[0])) elected = targetReplicas[0];
  else if (p.leader !== NO_LEADER && isValidNewLeader(p.leader)) elected = p.leader;
  else {
    const online = targetReplicas.find(isValidNewLeader);
    if (online !== undefined) elected = online;
    else if (lastKnownLeader !== undefined) {
      elected = lastKnownLeader;
      uncleanElection = true;
    } else if (election === 'unclean') {
      const any = targetReplicas.find((r) => input.isAcceptableLeader(r));
      if (any !== undefined) {
        elected = any;
        uncleanElection = true;
      }
    }
  }
  if (elected !== p.leader) {
    if (targetElr.includes(elected)) {
      targetIsr = [elected];
      targetElr = targetElr.filter((r) => r !== elected);
    }
    record.leader = elected;
    if (uncleanElection) {
      record.isr = [elected];
      if (p.leaderRecoveryState !== 1) record.leaderRecoveryState = 1;
    }
  }

  // A replica leaving the replica set (reassignment) bumps the leader epoch.
  if (record.leader === undefined && !containsAll(targetReplicas, p.replicas)) record.leader = p.leader;

  const cleanElection = record.isr === undefined;
  if (!cleanElection || !input.elrEnabled) targetElr = [];
  if (!sameList(targetElr, p.elr)) record.eligibleLeaderReplicas = targetElr;

  if (record.isr === undefined && (targetIsr.length > 0 || input.elrEnabled) && !sameList(targetIsr, p.isr)) record.isr = targetIsr;

  // LastKnownElr as the last leader: set when the partition first becomes leaderless with an
  // empty ISR, cleared once it has (or keeps) a leader.
  if (!input.elrEnabled) {
    if (p.lastKnownElr.length > 0) record.lastKnownElr = [];
  } else {
    if (record.isr !== undefined && record.isr.length === 0 && !(p.lastKnownElr.length === 1 && p.lastKnownElr[0] === p.leader)) {
      record.lastKnownElr = [p.leader];
    } else if (((record.leader ?? NO_LEADER) >= 0 || (p.leader !== NO_LEADER && record.leader !== NO_LEADER)) && p.lastKnownElr.length > 0) {
      record.lastKnownElr = [];
    }
  }

  if (!sameList(targetReplicas, p.replicas)) record.replicas = targetReplicas;
  if (!sameList(targetRemoving, p.removingReplicas)) record.removingReplicas = targetRemoving;
  if (!sameList(targetAdding, p.addingReplicas)) record.addingReplicas = targetAdding;
  if (input.targetLeaderRecoveryState !== undefined && input.targetLeaderRecoveryState !== p.leaderRecoveryState && record.leaderRecoveryState === undefined) {
    record.leaderRecoveryState = input.targetLeaderRecoveryState;
  }

  const changed = Object.keys(record).some((k) => k !== 'type' && k !== 'topicId' && k !== 'partitionId');
  return changed ? record : undefined;
}
