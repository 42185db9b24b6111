import type { Engine } from '../engine';
import { ADVERTISED } from '../../protocol/apis';
import { HANDLERS } from '.';

export function handleApiVersions(_engine: Engine): unknown {
  const apiKeys = [...ADVERTISED.entries()]
    .filter(([key]) => HANDLERS.has(key))
    .sort((a, b) => a[0] - b[0])
    .map(([apiKey, r]) => ({ apiKey, minVersion: r.min, maxVersion: r.max }));
  return { errorCode: 0, apiKeys, throttleTimeMs: 0 };
}
