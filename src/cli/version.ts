// The Apache Kafka release these tools follow (DESIGN.md section 4): `--version` prints it, and
// scripts/reference.sh pins the reference Kafka it fetches to it. Change it here only.
export const KAFKA_VERSION = '4.4.0';

/** What Kafka 2.8.2's tools print for --version (the seed-era --zookeeper behaviour). */
export const KAFKA_28_VERSION = '2.8.2 (Commit:3146c6ff4a24cc24)';

/** The commit of that release, which argparse4j tools print with -v: `4.4.0 (Commit:<id>)`. */
export const KAFKA_COMMIT_ID = '1156b2752aaa28ea';
