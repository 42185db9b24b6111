// Kafka's AdminClient (the reference Java client) against a broker: cluster, topics, partitions,
// offsets, records, configs, consumer groups and the operator calls (log dirs, elections,
// reassignments, the metadata quorum). Usage: AdminChecks BOOTSTRAP PREFIX
// (PREFIX keeps the topics and groups of one run apart from another's on the same broker).
import static java.util.Map.entry;

import java.time.Duration;
import java.util.*;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.*;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.*;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class AdminChecks {
  static String bootstrap;
  static String prefix;
  static Admin admin;

  public static void main(String[] args) throws Exception {
    bootstrap = args[0];
    prefix = args[1];
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    admin = Admin.create(props);
    try {
      cluster();
      topics();
      partitions();
      offsets();
      configs();
      groups();
      operations();
    } finally {
      admin.close(Duration.ofSeconds(5));
    }
    Checks.finish();
  }

  static void cluster() {
    Checks.check("describeCluster", () -> {
      DescribeClusterResult r = admin.describeCluster();
      String clusterId = r.clusterId().get();
      Collection<Node> nodes = r.nodes().get();
      Node controller = r.controller().get();
      Checks.that(clusterId != null && !clusterId.isEmpty(), "a cluster id");
      Checks.eq(1, nodes.size(), "one node");
      Node n = nodes.iterator().next();
      Checks.eq(bootstrap.substring(bootstrap.lastIndexOf(':') + 1), String.valueOf(n.port()), "the node's port");
      Checks.that(controller != null && controller.id() == n.id(), "the controller is a node of the cluster: " + controller);
      Checks.data("clusterId", clusterId);
      Checks.data("nodeId", n.id());
    });
  }

  static void topics() {
    String a = prefix + "-topic-a";
    Checks.check("createTopics with configs", () -> {
      CreateTopicsResult r = admin.createTopics(List.of(new NewTopic(a, 3, (short) 1).configs(Map.of("retention.ms", "60000"))));
      r.all().get();
      awaitTopic(a);
      Checks.eq(3, r.numPartitions(a).get(), "numPartitions");
      Checks.eq((short) 1, r.replicationFactor(a).get().shortValue(), "replicationFactor");
      Checks.that(r.topicId(a).get() != null && !r.topicId(a).get().equals(Uuid.ZERO_UUID), "a topic id");
      Checks.eq("60000", r.config(a).get().get("retention.ms").value(), "retention.ms in the create result");
    });
    Checks.check("createTopics of an existing topic: TopicExistsException", () ->
        Checks.thrown(TopicExistsException.class, () -> admin.createTopics(List.of(new NewTopic(a, 1, (short) 1))).all().get()));
    Checks.check("createTopics of an invalid name: InvalidTopicException", () ->
        Checks.thrown(InvalidTopicException.class, () -> admin.createTopics(List.of(new NewTopic("bad/name", 1, (short) 1))).all().get()));
    Checks.check("createTopics with replication factor 3 on one broker: InvalidReplicationFactorException", () ->
        Checks.thrown(InvalidReplicationFactorException.class, () -> admin.createTopics(List.of(new NewTopic(prefix + "-rf3", 1, (short) 3))).all().get()));
    Checks.check("createTopics validateOnly creates nothing", () -> {
      admin.createTopics(List.of(new NewTopic(prefix + "-validate", 2, (short) 1)), new CreateTopicsOptions().validateOnly(true)).all().get();
      Checks.that(!admin.listTopics().names().get().contains(prefix + "-validate"), "validateOnly topic not listed");
    });
    Checks.check("describeTopics", () -> {
      TopicDescription d = admin.describeTopics(List.of(a)).allTopicNames().get().get(a);
      Checks.eq(a, d.name(), "name");
      Checks.eq(false, d.isInternal(), "internal");
      Checks.eq(3, d.partitions().size(), "partitions");
      for (TopicPartitionInfo p : d.partitions()) {
        Checks.that(p.leader() != null && p.leader().id() == 1, "leader 1 of partition " + p.partition());
        Checks.eq(List.of(1), p.replicas().stream().map(Node::id).collect(Collectors.toList()), "replicas");
        Checks.eq(List.of(1), p.isr().stream().map(Node::id).collect(Collectors.toList()), "isr");
      }
      Checks.eq(List.of(0, 1, 2), d.partitions().stream().map(TopicPartitionInfo::partition).collect(Collectors.toList()), "partition order");
      Uuid byCreate = d.topicId();
      TopicDescription byId = admin.describeTopics(TopicCollection.ofTopicIds(List.of(byCreate))).allTopicIds().get().get(byCreate);
      Checks.eq(a, byId.name(), "described by id");
    });
    Checks.check("describeTopics of a missing topic: UnknownTopicOrPartitionException", () ->
        Checks.thrown(UnknownTopicOrPartitionException.class, () -> admin.describeTopics(List.of(prefix + "-missing")).allTopicNames().get()));
    Checks.check("listTopics hides internal topics unless asked", () -> {
      ensureOffsetsTopic();
      Set<String> names = admin.listTopics().names().get();
      Checks.that(names.contains(a), "lists " + a);
      Checks.that(!names.contains("__consumer_offsets"), "no __consumer_offsets by default");
      Map<String, TopicListing> all = admin.listTopics(new ListTopicsOptions().listInternal(true)).namesToListings().get();
      Checks.that(all.containsKey("__consumer_offsets") && all.get("__consumer_offsets").isInternal(), "__consumer_offsets listed as internal");
    });
    Checks.check("deleteTopics", () -> {
      String d = prefix + "-doomed";
      admin.createTopics(List.of(new NewTopic(d, 1, (short) 1))).all().get();
      admin.deleteTopics(List.of(d)).all().get();
      Checks.waitFor("the deleted topic gone from listTopics", Duration.ofSeconds(10), () -> {
        try {
          return !admin.listTopics().names().get().contains(d);
        } catch (InterruptedException | ExecutionException e) {
          return false;
        }
      });
      Checks.thrown(UnknownTopicOrPartitionException.class, () -> admin.deleteTopics(List.of(d)).all().get());
    });
  }

  /**
   * Wait until the broker knows a topic just created: a KRaft broker learns it from the controller
   * a moment after CreateTopics answers (an immediate describeConfigs may say it does not exist).
   */
  static void awaitTopic(String name) throws InterruptedException {
    Checks.waitFor("topic " + name + " known to the broker", Duration.ofSeconds(10), () -> {
      try {
        admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, name))).all().get();
        return true;
      } catch (InterruptedException | ExecutionException e) {
        return false;
      }
    });
  }

  static int partitionCount(String topic) {
    try {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    } catch (InterruptedException | ExecutionException e) {
      return -1;
    }
  }

  /** A consumer group commit creates __consumer_offsets. */
  static void ensureOffsetsTopic() throws Exception {
    if (admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get().contains("__consumer_offsets")) return;
    admin.listConsumerGroupOffsets(prefix + "-bootstrap-offsets").partitionsToOffsetAndMetadata().get();
    String t = prefix + "-offsets-seed";
    admin.createTopics(List.of(new NewTopic(t, 1, (short) 1))).all().get();
    admin.alterConsumerGroupOffsets(prefix + "-seed", Map.of(new TopicPartition(t, 0), new OffsetAndMetadata(0))).all().get();
  }

  static void partitions() {
    String t = prefix + "-grow";
    Checks.check("createPartitions grows a topic", () -> {
      admin.createTopics(List.of(new NewTopic(t, 1, (short) 1))).all().get();
      awaitTopic(t);
      admin.createPartitions(Map.of(t, NewPartitions.increaseTo(4))).all().get();
      // As with creation, a KRaft broker may describe the old count for a moment.
      Checks.waitFor("4 partitions described", Duration.ofSeconds(10), () -> partitionCount(t) == 4);
    });
    Checks.check("createPartitions cannot shrink: InvalidPartitionsException", () ->
        Checks.thrown(InvalidPartitionsException.class, () -> admin.createPartitions(Map.of(t, NewPartitions.increaseTo(2))).all().get()));
    Checks.check("createPartitions of a missing topic: UnknownTopicOrPartitionException", () ->
        Checks.thrown(UnknownTopicOrPartitionException.class, () -> admin.createPartitions(Map.of(prefix + "-nope", NewPartitions.increaseTo(2))).all().get()));
  }

  static KafkaProducer<String, String> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(p);
  }

  static void offsets() {
    String t = prefix + "-offsets";
    TopicPartition tp = new TopicPartition(t, 0);
    // Timestamps out of order: max-timestamp is not the last record. Recent enough that retention
    // (7 days by default) never deletes them mid-run.
    long base = System.currentTimeMillis() / 1000 * 1000 - 3_600_000L;
    long[] ts = {base + 1_000, base + 3_000, base + 2_000, base + 5_000, base + 4_000, base + 5_000};
    Checks.check("listOffsets earliest/latest/max-timestamp/forTimestamp", () -> {
      admin.createTopics(List.of(new NewTopic(t, 1, (short) 1))).all().get();
      try (KafkaProducer<String, String> p = producer()) {
        for (int i = 0; i < ts.length; i++) p.send(new ProducerRecord<>(t, 0, ts[i], "k" + i, "v" + i)).get();
      }
      Checks.eq(0L, offsetFor(tp, OffsetSpec.earliest()).offset(), "earliest");
      Checks.eq(6L, offsetFor(tp, OffsetSpec.latest()).offset(), "latest");
      ListOffsetsResult.ListOffsetsResultInfo max = offsetFor(tp, OffsetSpec.maxTimestamp());
      Checks.eq(3L, max.offset(), "max-timestamp offset (the first record with the largest timestamp)");
      Checks.eq(base + 5_000L, max.timestamp(), "max-timestamp timestamp");
      ListOffsetsResult.ListOffsetsResultInfo at = offsetFor(tp, OffsetSpec.forTimestamp(base + 2_500));
      Checks.eq(1L, at.offset(), "first offset with timestamp >= base + 2500");
      Checks.eq(base + 3_000L, at.timestamp(), "its timestamp");
      Checks.eq(-1L, offsetFor(tp, OffsetSpec.forTimestamp(base + 10_000)).offset(), "no record at or after the last timestamp");
      Checks.eq(0L, offsetFor(tp, OffsetSpec.earliestLocal()).offset(), "earliest-local");
    });
    // Kafka's admin retries a partition the metadata does not know until its deadline.
    Checks.check("listOffsets of a missing partition: TimeoutException", () ->
        Checks.thrown(org.apache.kafka.common.errors.TimeoutException.class, () -> admin.listOffsets(Map.of(new TopicPartition(t, 7), OffsetSpec.latest()),
            new ListOffsetsOptions().timeoutMs(1000)).all().get()));
    Checks.check("deleteRecords moves the log start offset", () -> {
      DeletedRecords d = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(2))).lowWatermarks().get(tp).get();
      Checks.data("lowWatermark", d.lowWatermark());
      Checks.eq(2L, d.lowWatermark(), "low watermark");
      Checks.eq(2L, offsetFor(tp, OffsetSpec.earliest()).offset(), "earliest after deleteRecords");
      Checks.eq(6L, offsetFor(tp, OffsetSpec.latest()).offset(), "latest unchanged");
      Checks.eq(3L, offsetFor(tp, OffsetSpec.maxTimestamp()).offset(), "max-timestamp unchanged");
      Checks.eq(2L, offsetFor(tp, OffsetSpec.forTimestamp(base)).offset(), "forTimestamp(first) starts at the log start");
      Checks.eq(6L, admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(-1))).lowWatermarks().get(tp).get().lowWatermark(),
          "beforeOffset(-1) deletes up to the high watermark");
    });
    Checks.check("deleteRecords beyond the high watermark: OffsetOutOfRangeException", () ->
        Checks.thrown(org.apache.kafka.common.errors.OffsetOutOfRangeException.class, () -> admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(100))).all().get()));
  }

  static ListOffsetsResult.ListOffsetsResultInfo offsetFor(TopicPartition tp, OffsetSpec spec) throws Exception {
    return admin.listOffsets(Map.of(tp, spec)).partitionResult(tp).get();
  }

  static Map<String, ConfigEntry> describe(ConfigResource r) throws Exception {
    Config c = admin.describeConfigs(List.of(r)).all().get().get(r);
    Map<String, ConfigEntry> m = new HashMap<>();
    for (ConfigEntry e : c.entries()) m.put(e.name(), e);
    return m;
  }

  static void configs() {
    String t = prefix + "-configs";
    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, t);
    Checks.check("describeConfigs of a topic: values and sources", () -> {
      admin.createTopics(List.of(new NewTopic(t, 1, (short) 1).configs(Map.of("retention.ms", "60000")))).all().get();
      awaitTopic(t);
      Map<String, ConfigEntry> m = describe(topic);
      Checks.eq("60000", m.get("retention.ms").value(), "retention.ms");
      Checks.eq(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, m.get("retention.ms").source(), "retention.ms source");
      Checks.eq("delete", m.get("cleanup.policy").value(), "cleanup.policy");
      Checks.eq(ConfigEntry.ConfigSource.DEFAULT_CONFIG, m.get("cleanup.policy").source(), "cleanup.policy source");
      Checks.eq("producer", m.get("compression.type").value(), "compression.type");
      Checks.that(m.get("segment.bytes") != null && m.get("segment.bytes").value().equals("1073741824"), "segment.bytes from the broker's log.segment.bytes");
    });
    Checks.check("describeConfigs of the broker", () -> {
      Map<String, ConfigEntry> m = describe(new ConfigResource(ConfigResource.Type.BROKER, "1"));
      Checks.eq("1", m.get("num.partitions").value(), "num.partitions");
      Checks.eq("168", m.get("log.retention.hours").value(), "log.retention.hours");
      Checks.eq("true", m.get("auto.create.topics.enable").value(), "auto.create.topics.enable");
    });
    Checks.check("incrementalAlterConfigs SET, APPEND, SUBTRACT, DELETE", () -> {
      admin.incrementalAlterConfigs(Map.of(topic, List.of(
          new AlterConfigOp(new ConfigEntry("retention.ms", "120000"), AlterConfigOp.OpType.SET),
          new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND)))).all().get();
      Map<String, ConfigEntry> m = describe(topic);
      Checks.eq("120000", m.get("retention.ms").value(), "retention.ms after SET");
      Checks.eq("delete,compact", m.get("cleanup.policy").value(), "cleanup.policy after APPEND");
      admin.incrementalAlterConfigs(Map.of(topic, List.of(
          new AlterConfigOp(new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SUBTRACT),
          new AlterConfigOp(new ConfigEntry("retention.ms", ""), AlterConfigOp.OpType.DELETE)))).all().get();
      m = describe(topic);
      Checks.eq("compact", m.get("cleanup.policy").value(), "cleanup.policy after SUBTRACT");
      Checks.eq("604800000", m.get("retention.ms").value(), "retention.ms after DELETE");
      Checks.eq(ConfigEntry.ConfigSource.DEFAULT_CONFIG, m.get("retention.ms").source(), "retention.ms source after DELETE");
    });
    Checks.check("incrementalAlterConfigs validateOnly changes nothing", () -> {
      admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "12345"), AlterConfigOp.OpType.SET))),
          new AlterConfigsOptions().validateOnly(true)).all().get();
      Checks.eq("1048588", describe(topic).get("max.message.bytes").value(), "max.message.bytes");
    });
    Checks.check("incrementalAlterConfigs with a bad value: InvalidConfigurationException", () ->
        Checks.thrown(InvalidConfigurationException.class, () -> admin.incrementalAlterConfigs(Map.of(topic, List.of(
            new AlterConfigOp(new ConfigEntry("retention.ms", "soon"), AlterConfigOp.OpType.SET)))).all().get()));
    Checks.check("incrementalAlterConfigs of a missing topic: UnknownTopicOrPartitionException", () ->
        Checks.thrown(UnknownTopicOrPartitionException.class, () -> admin.incrementalAlterConfigs(Map.of(
            new ConfigResource(ConfigResource.Type.TOPIC, prefix + "-nope"),
            List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "1"), AlterConfigOp.OpType.SET)))).all().get()));
  }

  static KafkaConsumer<String, String> consumer(String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(p);
  }

  static void groups() throws Exception {
    String t = prefix + "-grouped";
    String g = prefix + "-group";
    TopicPartition p0 = new TopicPartition(t, 0);
    TopicPartition p1 = new TopicPartition(t, 1);
    KafkaConsumer<String, String> c = consumer(g);
    try {
      Checks.check("a consumer group with committed offsets", () -> {
        admin.createTopics(List.of(new NewTopic(t, 2, (short) 1))).all().get();
        try (KafkaProducer<String, String> p = producer()) {
          for (int i = 0; i < 6; i++) p.send(new ProducerRecord<>(t, i % 2, "k", "v" + i)).get();
        }
        c.subscribe(List.of(t));
        int[] seen = {0};
        Checks.waitFor("6 records", Duration.ofSeconds(20), () -> {
          seen[0] += c.poll(Duration.ofMillis(100)).count();
          return seen[0] >= 6;
        });
        c.commitSync();
        Checks.eq(Set.of(p0, p1), c.assignment(), "assignment");
      });
      Checks.check("listGroups and listConsumerGroups show the group as Stable", () -> {
        GroupListing l = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
            .filter(x -> x.groupId().equals(g)).findFirst().orElseThrow(() -> new AssertionError("group not listed"));
        Checks.eq(Optional.of(GroupState.STABLE), l.groupState(), "state");
        Checks.eq(Optional.of(GroupType.CLASSIC), l.type(), "type");
        Checks.eq("consumer", l.protocol(), "protocol type");
        @SuppressWarnings("deprecation")
        Collection<ConsumerGroupListing> old = admin.listConsumerGroups().all().get();
        Checks.that(old.stream().anyMatch(x -> x.groupId().equals(g)), "listConsumerGroups lists the group");
      });
      Checks.check("describeConsumerGroups", () -> {
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(g)).all().get().get(g);
        Checks.eq(GroupState.STABLE, d.groupState(), "state");
        Checks.eq(GroupType.CLASSIC, d.type(), "type");
        Checks.eq("range", d.partitionAssignor(), "assignor (the first of Java's defaults)");
        Checks.eq(1, d.members().size(), "members");
        MemberDescription m = d.members().iterator().next();
        Checks.eq(Set.of(p0, p1), m.assignment().topicPartitions(), "member assignment");
        Checks.that(m.consumerId().startsWith("consumer-" + g), "member id from the client id: " + m.consumerId());
        Checks.eq(1, d.coordinator().id(), "coordinator");
      });
      Checks.check("listConsumerGroupOffsets", () -> {
        Map<TopicPartition, OffsetAndMetadata> o = admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata().get();
        Checks.eq(3L, o.get(p0).offset(), "p0");
        Checks.eq(3L, o.get(p1).offset(), "p1");
      });
      Checks.check("deleteConsumerGroups of an active group: GroupNotEmptyException", () ->
          Checks.thrown(GroupNotEmptyException.class, () -> admin.deleteConsumerGroups(List.of(g)).all().get()));
      Checks.check("deleteConsumerGroupOffsets of a subscribed topic: GroupSubscribedToTopicException", () ->
          Checks.thrown(GroupSubscribedToTopicException.class, () -> admin.deleteConsumerGroupOffsets(g, Set.of(p1)).all().get()));
      Checks.check("alterConsumerGroupOffsets of an active group: UnknownMemberIdException", () ->
          Checks.thrown(UnknownMemberIdException.class, () -> admin.alterConsumerGroupOffsets(g, Map.of(p0, new OffsetAndMetadata(1))).all().get()));
    } finally {
      c.close(Duration.ofSeconds(5));
    }
    Checks.check("alterConsumerGroupOffsets of an empty group", () -> {
      Checks.waitFor("the group to be empty", Duration.ofSeconds(10), () -> {
        try {
          return admin.describeConsumerGroups(List.of(g)).all().get().get(g).groupState() == GroupState.EMPTY;
        } catch (InterruptedException | ExecutionException e) {
          return false;
        }
      });
      admin.alterConsumerGroupOffsets(g, Map.of(p0, new OffsetAndMetadata(1, "meta"))).all().get();
      Map<TopicPartition, OffsetAndMetadata> o = admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata().get();
      Checks.eq(1L, o.get(p0).offset(), "p0 after alter");
      Checks.eq("meta", o.get(p0).metadata(), "metadata");
      Checks.eq(3L, o.get(p1).offset(), "p1 untouched");
    });
    Checks.check("deleteConsumerGroupOffsets of an empty group", () -> {
      admin.deleteConsumerGroupOffsets(g, Set.of(p1)).all().get();
      Map<TopicPartition, OffsetAndMetadata> o = admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata().get();
      Checks.eq(Set.of(p0), o.keySet(), "only p0 left");
    });
    Checks.check("deleteConsumerGroups of an empty group", () -> {
      admin.deleteConsumerGroups(List.of(g)).all().get();
      Checks.that(admin.listGroups().all().get().stream().noneMatch(x -> x.groupId().equals(g)), "group gone from listGroups");
      Checks.thrown(GroupIdNotFoundException.class, () -> admin.deleteConsumerGroups(List.of(g)).all().get());
      Checks.thrown(GroupIdNotFoundException.class, () -> admin.describeConsumerGroups(List.of(g)).all().get());
    });
  }

  /** What kafka-log-dirs, kafka-leader-election, kafka-reassign-partitions and kafka-metadata-quorum ask. */
  static void operations() throws Exception {
    String t = prefix + "-ops";
    admin.createTopics(List.of(new NewTopic(t, 2, (short) 1))).all().get();
    TopicPartition p0 = new TopicPartition(t, 0);
    TopicPartition p1 = new TopicPartition(t, 1);
    Checks.check("describeLogDirs: the broker's dir holds the topic's partitions", () -> {
      // A KRaft broker creates the logs once it has replayed the topic's records.
      Checks.waitFor("the topic's logs", Duration.ofSeconds(20), () -> {
        try {
          return admin.describeLogDirs(List.of(1)).allDescriptions().get().get(1).values().iterator().next().replicaInfos().containsKey(p1);
        } catch (InterruptedException | ExecutionException e) {
          return false;
        }
      });
      Map<String, LogDirDescription> dirs = admin.describeLogDirs(List.of(1)).allDescriptions().get().get(1);
      Checks.eq(1, dirs.size(), "one log dir");
      LogDirDescription d = dirs.values().iterator().next();
      Checks.that(d.error() == null, "no error: " + d.error());
      Checks.that(d.replicaInfos().containsKey(p0) && d.replicaInfos().containsKey(p1), "both partitions: " + d.replicaInfos().keySet());
      Checks.eq(0L, d.replicaInfos().get(p0).size(), "an empty partition's size");
    });
    Checks.check("electLeaders: the preferred leader already leads", () -> {
      Map<TopicPartition, Optional<Throwable>> r = admin.electLeaders(ElectionType.PREFERRED, Set.of(p0)).partitions().get();
      Checks.that(r.get(p0).isPresent() && r.get(p0).get() instanceof ElectionNotNeededException, "ElectionNotNeeded: " + r);
      Checks.eq(Map.of(), admin.electLeaders(ElectionType.PREFERRED, null).partitions().get(), "all partitions: none needed an election");
    });
    Checks.check("alterPartitionReassignments and listPartitionReassignments", () -> {
      admin.alterPartitionReassignments(Map.of(p0, Optional.of(new NewPartitionReassignment(List.of(1))))).all().get();
      Checks.thrown(InvalidReplicaAssignmentException.class, () ->
        admin.alterPartitionReassignments(Map.of(p1, Optional.of(new NewPartitionReassignment(List.of(2))))).all().get());
      Checks.thrown(NoReassignmentInProgressException.class, () ->
        admin.alterPartitionReassignments(Map.of(p1, Optional.empty())).all().get());
      Checks.eq(Map.of(), admin.listPartitionReassignments().reassignments().get(), "none in progress");
    });
    Checks.check("describeMetadataQuorum: one voter, the leader", () -> {
      QuorumInfo q = admin.describeMetadataQuorum().quorumInfo().get();
      Checks.eq(1, q.voters().size(), "one voter");
      Checks.eq(q.leaderId(), q.voters().get(0).replicaId(), "the voter leads");
      Checks.eq(0, q.observers().size(), "no observers");
      Checks.that(q.highWatermark() >= 0, "a high watermark: " + q.highWatermark());
    });
  }
}
