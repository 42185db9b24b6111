// The Apache Kafka release whose tools we mirror with --bootstrap-server (DESIGN.md section 4):
// what `--version` prints.
export const KAFKA_VERSION = '4.4.0';
