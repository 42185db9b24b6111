// Colours that carry meaning: a record's key (same key, same colour: the partition it lands in is
// visible at a glance) and a group member (the partitions it owns, drawn in its colour).

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** null keys are grey: the producer spreads them (sticky partitioner), no key no colour. */
export const keyColour = (key: string | null): string => (key === null ? '#c8c8c8' : `hsl(${hash(key) % 360} 70% 62%)`);

const MEMBER = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
export const memberColour = (index: number): string => MEMBER[index % MEMBER.length];
