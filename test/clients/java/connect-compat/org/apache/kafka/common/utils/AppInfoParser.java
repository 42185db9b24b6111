// Bridges connect-file 4.3.1 (the newest release Maven Central serves) to the Kafka 4.4.0 Connect
// runtime: its connectors' version() calls org.apache.kafka.common.utils.AppInfoParser, which 4.4
// moved to org.apache.kafka.common.utils.internals. Loaded only by the plugin's own class loader
// (it sits beside the connect-file jar on plugin.path), never by the worker.
package org.apache.kafka.common.utils;

public final class AppInfoParser {
  private AppInfoParser() {}

  public static String getVersion() {
    return org.apache.kafka.common.utils.internals.AppInfoParser.getVersion();
  }

  public static String getCommitId() {
    return org.apache.kafka.common.utils.internals.AppInfoParser.getCommitId();
  }
}
