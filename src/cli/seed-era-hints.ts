// The one-line hints our tools print on stderr when a user (or a tutorial) reaches for an option
// that Kafka 4.0 removed but that still works here: one text per option, shared by the tools.

/** --broker-list, the pre-4.0 spelling of --bootstrap-server (console producer, get-offsets, consumer perf test). */
export const BROKER_LIST_HINT = 'kafka-local: --broker-list is the pre-4.0 spelling (removed in Kafka 4.0); use --bootstrap-server instead.\n';
