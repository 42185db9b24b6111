// A consumer group held mid-rebalance for as long as this process runs, the same way on any
// broker (a background step of the differential suite: kafka-consumer-groups --describe of a
// rebalancing group). Through our client's protocol layer, it joins `group` as member A (JoinGroup
// answered: the group is CompletingRebalance, waiting for A's SyncGroup, which never comes). With
// two members, member B then joins on a connection of its own (a coordinator answers a
// connection's requests in order): the group goes back to PreparingRebalance, waiting up to A's
// rebalance timeout for A to rejoin, which never comes either. Long session and rebalance timeouts
// keep the state until SIGTERM, when both members leave so that the group can be deleted.
//
//   node hold-rebalance.cjs <host:port> <group> <topic> <1|2>
const path = require('node:path');
const dist = path.join(__dirname, '..', '..', '..', 'dist');
const { BrokerConnection } = require(path.join(dist, 'client/connection'));
const { ApiKey } = require(path.join(dist, 'protocol/apis'));
const { encodeSubscription, CONSUMER_PROTOCOL_TYPE } = require(path.join(dist, 'protocol/consumer-protocol'));

const [bootstrap, groupId, topic, count] = process.argv.slice(2);
const TIMEOUT_MS = 300000;
const MEMBER_ID_REQUIRED = 79;
const COORDINATOR_NOT_AVAILABLE = 15;

async function connect(host, port) {
  const conn = new BrokerConnection(host, Number(port), 'hold-rebalance');
  await conn.connect();
  return conn;
}

/** JoinGroup (again with the member id the coordinator asks for); `wait` false: do not wait for the answer of the second. */
async function join(conn, wait) {
  const request = (memberId) => conn.send(ApiKey.JoinGroup, {
    groupId, sessionTimeoutMs: TIMEOUT_MS, rebalanceTimeoutMs: TIMEOUT_MS, memberId, groupInstanceId: null,
    protocolType: CONSUMER_PROTOCOL_TYPE,
    protocols: [{ name: 'range', metadata: encodeSubscription({ topics: [topic], userData: null, ownedPartitions: [], generationId: -1, rackId: null }) }],
  });
  const first = await request('');
  if (first.errorCode !== MEMBER_ID_REQUIRED) throw new Error(`JoinGroup: error ${first.errorCode}`);
  const second = request(first.memberId);
  if (!wait) {
    second.catch(() => undefined);
    return first.memberId;
  }
  const body = await second;
  if (body.errorCode !== 0) throw new Error(`JoinGroup: error ${body.errorCode}`);
  return body.memberId;
}

async function main() {
  const [host, port] = bootstrap.split(',')[0].split(':');
  const boot = await connect(host, port);
  // COORDINATOR_NOT_AVAILABLE while the broker creates __consumer_offsets: ask again.
  const deadline = Date.now() + 60000;
  let found;
  for (;;) {
    found = await boot.send(ApiKey.FindCoordinator, { key: groupId, keyType: 0 });
    if (found.errorCode === 0) break;
    if (found.errorCode !== COORDINATOR_NOT_AVAILABLE || Date.now() > deadline) throw new Error(`FindCoordinator: error ${found.errorCode}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  boot.close();
  const a = await connect(found.host, found.port);
  const members = [await join(a, true)];
  let b;
  if (count === '2') {
    b = await connect(found.host, found.port);
    members.push(await join(b, false));
  }
  process.stdout.write('held\n');
  process.once('SIGTERM', async () => {
    try {
      await a.send(ApiKey.LeaveGroup, { groupId, memberId: members[0], members: members.map((memberId) => ({ memberId, groupInstanceId: null })) });
    } finally {
      a.close();
      b?.close();
      process.exit(0);
    }
  });
}

main().catch((e) => {
  process.stderr.write(`hold-rebalance: ${e.stack ?? e}\n`);
  process.exit(1);
});
