// Kafka's KafkaConsumer (the reference Java client, group.protocol=classic, its 4.x default)
// against a broker, without rebalancing between members (GroupChecks does that): manual
// assignment, seeks (offset, beginning, end, offsetsForTimes), commitSync/commitAsync and
// committed(), auto commit on close, auto.offset.reset, a rebalance listener, pattern
// subscription. Usage: ConsumerChecks BOOTSTRAP PREFIX.
import java.time.Duration;
import java.util.*;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class ConsumerChecks {
  static String bootstrap;
  static String prefix;
  static Admin admin;
  // Recent enough that retention (7 days by default) never deletes the records mid-run.
  static final long T0 = System.currentTimeMillis() / 1000 * 1000 - 3_600_000L;
  static String data;
  static TopicPartition tp0, tp1, tp2;

  public static void main(String[] args) throws Exception {
    bootstrap = args[0];
    prefix = args[1];
    Properties a = new Properties();
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    admin = Admin.create(a);
    try {
      setup();
      manual();
      commits();
      resets();
      subscriptions();
    } finally {
      admin.close(Duration.ofSeconds(5));
    }
    Checks.finish();
  }

  static KafkaConsumer<String, String> consumer(Map<String, String> extra) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"); // close waits for the last long poll
    p.putAll(extra);
    return new KafkaConsumer<>(p);
  }

  /** 30 records, i on partition i % 3 with timestamp T0 + i seconds: partition p holds i = p, p+3, ... */
  static void setup() throws Exception {
    data = prefix + "-data";
    tp0 = new TopicPartition(data, 0);
    tp1 = new TopicPartition(data, 1);
    tp2 = new TopicPartition(data, 2);
    admin.createTopics(List.of(new NewTopic(data, 3, (short) 1))).all().get();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> pr = new KafkaProducer<>(p)) {
      for (int i = 0; i < 30; i++) pr.send(new ProducerRecord<>(data, i % 3, T0 + i * 1000L, "k" + i, "v" + i));
      pr.flush();
    }
  }

  /** Poll until `n` records came (or fail at the deadline). */
  static List<ConsumerRecord<String, String>> pollN(KafkaConsumer<String, String> c, int n) throws InterruptedException {
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    Checks.waitFor(n + " records", Duration.ofSeconds(20), () -> {
      c.poll(Duration.ofMillis(50)).forEach(out::add);
      return out.size() >= n;
    });
    return out;
  }

  static void manual() {
    Checks.check("assign + seekToBeginning reads every partition in order", () -> {
      try (KafkaConsumer<String, String> c = consumer(Map.of())) {
        c.assign(List.of(tp0, tp1, tp2));
        c.seekToBeginning(List.of(tp0, tp1, tp2));
        List<ConsumerRecord<String, String>> got = pollN(c, 30);
        Checks.eq(30, got.size(), "records");
        for (ConsumerRecord<String, String> r : got) {
          int i = Integer.parseInt(r.value().substring(1));
          Checks.eq(i % 3, r.partition(), "partition of v" + i);
          Checks.eq((long) (i / 3), r.offset(), "offset of v" + i);
          Checks.eq("k" + i, r.key(), "key of v" + i);
          Checks.eq(T0 + i * 1000L, r.timestamp(), "timestamp of v" + i);
        }
        Checks.eq(10L, c.position(tp1), "position after reading");
      }
    });
    Checks.check("beginningOffsets/endOffsets", () -> {
      try (KafkaConsumer<String, String> c = consumer(Map.of())) {
        Checks.eq(Map.of(tp0, 0L, tp1, 0L, tp2, 0L), c.beginningOffsets(List.of(tp0, tp1, tp2)), "beginning");
        Checks.eq(Map.of(tp0, 10L, tp1, 10L, tp2, 10L), c.endOffsets(List.of(tp0, tp1, tp2)), "end");
      }
    });
    Checks.check("seek to an offset", () -> {
      try (KafkaConsumer<String, String> c = consumer(Map.of())) {
        c.assign(List.of(tp1));
        c.seek(tp1, 7);
        List<ConsumerRecord<String, String>> got = pollN(c, 3);
        Checks.eq(7L, got.get(0).offset(), "first offset after seek");
        Checks.eq("v22", got.get(0).value(), "record at offset 7 of partition 1");
        c.seek(tp1, 2);
        Checks.eq("v7", pollN(c, 1).get(0).value(), "seek backwards");
      }
    });
    Checks.check("seekToEnd: position at the end, nothing to read until a new record", () -> {
      try (KafkaConsumer<String, String> c = consumer(Map.of())) {
        c.assign(List.of(tp2));
        c.seekToEnd(List.of(tp2));
        Checks.eq(10L, c.position(tp2), "position");
        Checks.eq(0, c.poll(Duration.ofMillis(200)).count(), "nothing past the end");
      }
    });
    Checks.check("offsetsForTimes", () -> {
      try (KafkaConsumer<String, String> c = consumer(Map.of())) {
        // Partition 1 holds i = 1, 4, 7, ...: timestamps T0+1s, T0+4s, ...
        Map<TopicPartition, OffsetAndTimestamp> r = c.offsetsForTimes(Map.of(tp1, T0 + 5_000L, tp0, T0, tp2, T0 + 100_000L));
        Checks.eq(2L, r.get(tp1).offset(), "first record at or after T0+5s on partition 1");
        Checks.eq(T0 + 7_000L, r.get(tp1).timestamp(), "its timestamp");
        Checks.eq(0L, r.get(tp0).offset(), "T0 on partition 0");
        Checks.eq(null, r.get(tp2), "nothing after the last timestamp");
        c.assign(List.of(tp1));
        c.seek(tp1, r.get(tp1).offset());
        Checks.eq("v7", pollN(c, 1).get(0).value(), "seek to the offset for a time");
      }
    });
  }

  static void commits() {
    String g = prefix + "-commits";
    Checks.check("commitSync with metadata, committed() reads it back", () -> {
      try (KafkaConsumer<String, String> c = consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, g, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"))) {
        c.assign(List.of(tp0, tp1));
        c.commitSync(Map.of(tp0, new OffsetAndMetadata(4, "four"), tp1, new OffsetAndMetadata(6)));
        Map<TopicPartition, OffsetAndMetadata> got = c.committed(Set.of(tp0, tp1, tp2));
        Checks.eq(4L, got.get(tp0).offset(), "tp0");
        Checks.eq("four", got.get(tp0).metadata(), "tp0 metadata");
        Checks.eq(6L, got.get(tp1).offset(), "tp1");
        Checks.eq("", got.get(tp1).metadata(), "tp1 metadata");
        Checks.eq(null, got.get(tp2), "tp2 never committed");
      }
    });
    Checks.check("a new consumer of the group starts at the committed offsets", () -> {
      try (KafkaConsumer<String, String> c = consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, g, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"))) {
        c.assign(List.of(tp0));
        ConsumerRecord<String, String> r = pollN(c, 1).get(0);
        Checks.eq(4L, r.offset(), "first offset");
        Checks.eq("v12", r.value(), "first value");
      }
    });
    Checks.check("commitAsync: the callback sees the offsets, committed() agrees", () -> {
      try (KafkaConsumer<String, String> c = consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, g, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"))) {
        c.assign(List.of(tp2));
        c.seekToBeginning(List.of(tp2));
        pollN(c, 10);
        AtomicReference<Object> result = new AtomicReference<>();
        c.commitAsync((offsets, e) -> result.set(e != null ? e : offsets));
        Checks.waitFor("the commit callback", Duration.ofSeconds(10), () -> {
          c.poll(Duration.ofMillis(20));
          return result.get() != null;
        });
        // The position carries the leader epoch of the batches it read (the broker stamps them).
        Checks.eq(Map.of(tp2, new OffsetAndMetadata(10, Optional.of(0), "")), result.get(), "callback offsets");
        Checks.eq(new OffsetAndMetadata(10, Optional.of(0), ""), c.committed(Set.of(tp2)).get(tp2), "committed");
      }
    });
    Checks.check("enable.auto.commit commits the position on close", () -> {
      String ag = prefix + "-autocommit";
      try (KafkaConsumer<String, String> c = consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, ag, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
        c.subscribe(List.of(data));
        pollN(c, 30);
      }
      try (KafkaConsumer<String, String> c = consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, ag))) {
        Checks.eq(Map.of(tp0, 10L, tp1, 10L, tp2, 10L), offsetsOf(c.committed(Set.of(tp0, tp1, tp2))), "committed on close");
      }
    });
  }

  static Map<TopicPartition, Long> offsetsOf(Map<TopicPartition, OffsetAndMetadata> m) {
    Map<TopicPartition, Long> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, v == null ? null : v.offset()));
    return out;
  }

  static void resets() {
    Checks.check("auto.offset.reset=latest starts at the end", () -> {
      try (KafkaConsumer<String, String> c = consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-latest", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"))) {
        c.assign(List.of(tp0));
        Checks.eq(10L, c.position(tp0), "position");
      }
    });
    Checks.check("auto.offset.reset=none without a committed offset: NoOffsetForPartitionException", () -> {
      try (KafkaConsumer<String, String> c = consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-none", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"))) {
        c.assign(List.of(tp0));
        Checks.thrown(NoOffsetForPartitionException.class, () -> c.poll(Duration.ofSeconds(5)));
      }
    });
    Checks.check("an offset out of range resets by auto.offset.reset=earliest", () -> {
      String t = prefix + "-trimmed";
      admin.createTopics(List.of(new NewTopic(t, 1, (short) 1))).all().get();
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      try (KafkaProducer<String, String> pr = new KafkaProducer<>(p)) {
        for (int i = 0; i < 10; i++) pr.send(new ProducerRecord<>(t, 0, null, "v" + i)).get();
      }
      TopicPartition tp = new TopicPartition(t, 0);
      admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(5))).all().get();
      try (KafkaConsumer<String, String> c = consumer(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
        c.assign(List.of(tp));
        c.seek(tp, 2);
        ConsumerRecord<String, String> r = pollN(c, 1).get(0);
        Checks.eq(5L, r.offset(), "reset to the log start offset");
        Checks.eq("v5", r.value(), "value");
      }
    });
  }

  static void subscriptions() {
    Checks.check("a rebalance listener sees assign on join and revoke on unsubscribe", () -> {
      List<String> events = Collections.synchronizedList(new ArrayList<>());
      try (KafkaConsumer<String, String> c = consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-listener", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
        c.subscribe(List.of(data), new ConsumerRebalanceListener() {
          public void onPartitionsRevoked(Collection<TopicPartition> parts) { events.add("revoked " + sorted(parts)); }
          public void onPartitionsAssigned(Collection<TopicPartition> parts) { events.add("assigned " + sorted(parts)); }
        });
        pollN(c, 30);
        Checks.eq(List.of("assigned " + sorted(List.of(tp0, tp1, tp2))), events, "events after the join");
        c.unsubscribe();
        Checks.eq(List.of("assigned " + sorted(List.of(tp0, tp1, tp2)), "revoked " + sorted(List.of(tp0, tp1, tp2))), events, "events after unsubscribe");
      }
    });
    Checks.check("pattern subscription picks up a new matching topic", () -> {
      String base = prefix + "-pat";
      admin.createTopics(List.of(new NewTopic(base + "-one", 1, (short) 1))).all().get();
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      try (KafkaProducer<String, String> pr = new KafkaProducer<>(p);
           KafkaConsumer<String, String> c = consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-pattern", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
               ConsumerConfig.METADATA_MAX_AGE_CONFIG, "300"))) {
        pr.send(new ProducerRecord<>(base + "-one", "a")).get();
        c.subscribe(Pattern.compile(Pattern.quote(base) + "-.*"));
        Checks.eq("a", pollN(c, 1).get(0).value(), "record of the first topic");
        admin.createTopics(List.of(new NewTopic(base + "-two", 2, (short) 1))).all().get();
        pr.send(new ProducerRecord<>(base + "-two", "b")).get();
        ConsumerRecord<String, String> r = pollN(c, 1).get(0);
        Checks.eq(base + "-two", r.topic(), "topic of the second record");
        Checks.eq(3, c.assignment().size(), "partitions of both topics assigned");
      }
    });
  }

  static List<String> sorted(Collection<TopicPartition> parts) {
    List<String> s = new ArrayList<>();
    for (TopicPartition tp : parts) s.add(tp.toString());
    Collections.sort(s);
    return s;
  }
}
