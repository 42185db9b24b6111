// `--output json` (a kafka-local extra, opt-in; the default output is Kafka's text): the result of
// `--list` or `--describe` as ONE JSON document on stdout (2-space indented, then a newline).
// Nothing else goes to stdout; Kafka's "has no active members" / "is rebalancing" notes are not
// printed (the state says it). Errors that stop the command are printed as without --output json.
// Numbers are JSON numbers; a missing value is null. Groups appear in the order Kafka prints them
// (--list: as the brokers list them; --describe: sorted by group id).
//
// --list [--state [states]] [--type [types]]   (filters apply as for the text view)
//   {"groups": [{"group": "g1", "state": "Stable", "type": "Classic"}, ...]}
//
// --describe [--offsets]
//   {"groups": [{"group": "g1", "state": "Stable", "error": null,
//                "offsets": [{"topic": "t", "partition": 0, "currentOffset": 5, "logEndOffset": 7,
//                             "lag": 2, "consumerId": "c-1-...", "host": "/127.0.0.1",
//                             "clientId": "c-1"}, ...]}]}
//   Partitions with a committed offset but no member have consumerId/host/clientId null.
//
// --describe --members [--verbose]
//   {"groups": [{"group": "g1", "state": "Stable", "error": null,
//                "members": [{"consumerId": "...", "groupInstanceId": null, "host": "/127.0.0.1",
//                             "clientId": "c-1", "partitions": 2,
//                             "assignment": [{"topic": "t", "partition": 0}, ...]}]}]}
//   ("assignment" only with --verbose)
//
// --describe --state
//   {"groups": [{"group": "g1", "state": "Stable", "error": null,
//                "coordinator": {"id": 1, "host": "localhost", "port": 9092},
//                "assignmentStrategy": "range", "members": 2}]}
//
// A group that does not exist has "state": "Dead", "error": "Consumer group 'g1' does not exist."
// and no offsets/members/coordinator fields.

export interface JsonListGroup {
  group: string;
  state: string;
  type: string;
}

export interface JsonOffsetRow {
  topic: string | null;
  partition: number | null;
  currentOffset: number | null;
  logEndOffset: number | null;
  lag: number | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

export interface JsonMember {
  consumerId: string;
  groupInstanceId: string | null;
  host: string;
  clientId: string;
  partitions: number;
  assignment?: { topic: string; partition: number }[];
}

export interface JsonDescribedGroup {
  group: string;
  state: string;
  error: string | null;
  offsets?: JsonOffsetRow[];
  members?: JsonMember[] | number;
  coordinator?: { id: number; host: string; port: number };
  assignmentStrategy?: string;
}

export function jsonDocument(groups: readonly (JsonListGroup | JsonDescribedGroup)[]): string {
  return `${JSON.stringify({ groups }, null, 2)}\n`;
}
