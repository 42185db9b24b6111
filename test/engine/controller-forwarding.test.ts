// A broker forwarding to the active controller that becomes the active controller itself while it
// waits (the old one stopped and this broker took the lease) answers the request here instead of
// waiting, until the forwarding deadline, for a controller other than itself.
import { describe, expect, it } from 'vitest';
import { ControllerForwarder } from '../../src/engine/api/forwarding';
import { ApiKey } from '../../src/protocol/apis';
import { ErrorCode, KafkaError } from '../../src/protocol/errors';

function engineTakingTheLease(nodeId: number) {
  let active = false;
  const engine = {
    settings: { nodeId },
    controller: {
      isActive: () => active,
      // The old controller is gone; then the lease is ours.
      activeControllerId: () => (active ? nodeId : -1),
      allocateProducerIds: () => ({ first: 5000, count: 1000 }),
    },
    lifecycle: { brokerEpoch: () => 7 },
    // The forwarder re-reads the metadata between attempts: this broker wins the lease meanwhile.
    loader: { image: { brokers: new Map() }, catchUp: () => { active = true; } },
  };
  return engine;
}

describe('ControllerForwarder when this broker becomes the controller', () => {
  it('answers a forwarded request locally once it holds the lease', async () => {
    const f = new ControllerForwarder(engineTakingTheLease(2) as any);
    const started = Date.now();
    const r = await f.send(ApiKey.CreateTopics, 4, {}, () => ({ answered: 'here' }));
    expect(r).toEqual({ answered: 'here' });
    expect(Date.now() - started).toBeLessThan(5000);
    f.close();
  }, 10000);

  it('allocates a producer id block from its own controller', async () => {
    const f = new ControllerForwarder(engineTakingTheLease(2) as any);
    await expect(f.allocateProducerIds()).resolves.toEqual({ first: 5000, count: 1000 });
    f.close();
  }, 10000);

  it('without a local answer says NOT_CONTROLLER at once (the caller retries)', async () => {
    const f = new ControllerForwarder(engineTakingTheLease(2) as any);
    const err = await f.send(ApiKey.CreateTopics, 4, {}).catch((e) => e);
    expect(err).toBeInstanceOf(KafkaError);
    expect((err as KafkaError).code).toBe(ErrorCode.NOT_CONTROLLER);
    f.close();
  }, 10000);
});
