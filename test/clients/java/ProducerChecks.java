// Kafka's KafkaProducer (the reference Java client) against a broker: acks 0/1/all, the
// idempotent default, every codec, headers, keys on murmur2 partitions, callbacks with offsets,
// timestamps, size limits. Records are read back with a KafkaConsumer (manual assignment).
// Usage: ProducerChecks BOOTSTRAP PREFIX. Prints DATA lines the TypeScript side compares with our
// own client: "topic.<what>" names, "key <topic> <key> <partition>" placements.
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class ProducerChecks {
  static String bootstrap;
  static String prefix;
  static Admin admin;

  public static void main(String[] args) throws Exception {
    bootstrap = args[0];
    prefix = args[1];
    Properties a = new Properties();
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    admin = Admin.create(a);
    try {
      acks();
      codecs();
      headersAndTimestamps();
      keys();
      limits();
    } finally {
      admin.close(Duration.ofSeconds(5));
    }
    Checks.finish();
  }

  static void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
  }

  static KafkaProducer<String, String> producer(Map<String, String> extra) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
    p.putAll(extra);
    return new KafkaProducer<>(p);
  }

  /** Every record of a topic from the beginning to the end offsets at call time. */
  static List<ConsumerRecord<String, String>> readAll(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"); // close waits for the last long poll
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> tps = new ArrayList<>();
      c.partitionsFor(topic).forEach(i -> tps.add(new TopicPartition(topic, i.partition())));
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps);
      List<ConsumerRecord<String, String>> out = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 20_000;
      while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out reading " + topic);
        c.poll(Duration.ofMillis(100)).forEach(out::add);
      }
      return out;
    }
  }

  /** Send n records (keyless, values v0..), wait for every callback; the metadata in send order. */
  static List<RecordMetadata> sendAll(KafkaProducer<String, String> p, String topic, int partition, int n) throws Exception {
    RecordMetadata[] got = new RecordMetadata[n];
    List<Exception> errors = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      int at = i;
      p.send(new ProducerRecord<>(topic, partition, null, "v" + i), (md, e) -> {
        if (e != null) errors.add(e);
        got[at] = md;
        done.countDown();
      });
    }
    p.flush();
    Checks.that(done.await(20, TimeUnit.SECONDS), "every callback ran");
    if (!errors.isEmpty()) throw errors.get(0);
    return Arrays.asList(got);
  }

  static void expectValues(String topic, int n) {
    List<ConsumerRecord<String, String>> all = readAll(topic);
    Checks.eq(n, all.size(), "records in " + topic);
    for (int i = 0; i < n; i++) {
      Checks.eq("v" + i, all.get(i).value(), "value at offset " + i);
      Checks.eq((long) i, all.get(i).offset(), "offset of record " + i);
    }
  }

  static void acks() {
    Checks.check("acks=0: delivered, callbacks without offsets", () -> {
      String t = prefix + "-acks0";
      createTopic(t, 1, Map.of());
      try (KafkaProducer<String, String> p = producer(Map.of(ProducerConfig.ACKS_CONFIG, "0"))) {
        List<RecordMetadata> md = sendAll(p, t, 0, 50);
        for (RecordMetadata m : md) {
          Checks.eq(false, m.hasOffset(), "acks=0 callback has no offset");
          Checks.eq(0, m.partition(), "partition");
        }
      }
      expectValues(t, 50);
      Checks.data("topic.acks0", t);
    });
    Checks.check("acks=1 (idempotence off): callbacks carry consecutive offsets", () -> {
      String t = prefix + "-acks1";
      createTopic(t, 1, Map.of());
      try (KafkaProducer<String, String> p = producer(Map.of(ProducerConfig.ACKS_CONFIG, "1"))) {
        List<RecordMetadata> md = sendAll(p, t, 0, 50);
        for (int i = 0; i < md.size(); i++) Checks.eq((long) i, md.get(i).offset(), "callback offset " + i);
      }
      expectValues(t, 50);
      Checks.data("topic.acks1", t);
    });
    Checks.check("acks=all, idempotent by default: callbacks carry consecutive offsets", () -> {
      String t = prefix + "-acksall";
      createTopic(t, 1, Map.of());
      // Small batches and five in flight: the broker sees many sequenced batches at once.
      try (KafkaProducer<String, String> p = producer(Map.of(ProducerConfig.BATCH_SIZE_CONFIG, "200", ProducerConfig.LINGER_MS_CONFIG, "5"))) {
        List<RecordMetadata> md = sendAll(p, t, 0, 500);
        for (int i = 0; i < md.size(); i++) Checks.eq((long) i, md.get(i).offset(), "callback offset " + i);
      }
      expectValues(t, 500);
      Checks.data("topic.idempotent", t);
    });
    Checks.check("two idempotent producers interleaved on one partition", () -> {
      String t = prefix + "-twoproducers";
      createTopic(t, 1, Map.of());
      try (KafkaProducer<String, String> p1 = producer(Map.of()); KafkaProducer<String, String> p2 = producer(Map.of())) {
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          offsets.add((i % 2 == 0 ? p1 : p2).send(new ProducerRecord<>(t, 0, null, "v" + i)).get().offset());
        }
        for (int i = 0; i < 20; i++) Checks.eq((long) i, offsets.get(i), "offset " + i);
      }
      expectValues(t, 20);
    });
  }

  static void codecs() {
    for (String codec : List.of("none", "gzip", "snappy", "lz4", "zstd")) {
      Checks.check("compression.type=" + codec + ": records read back intact", () -> {
        String t = prefix + "-codec-" + codec;
        createTopic(t, 1, Map.of());
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 200; i++) big.append("compressible text ").append(i).append(' ');
        try (KafkaProducer<String, String> p = producer(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec, ProducerConfig.LINGER_MS_CONFIG, "20"))) {
          for (int i = 0; i < 300; i++) p.send(new ProducerRecord<>(t, 0, "k" + i, i % 10 == 0 ? big.toString() : "value " + i + " \u00e9\u4e2d"));
          p.flush();
        }
        List<ConsumerRecord<String, String>> all = readAll(t);
        Checks.eq(300, all.size(), "records");
        for (int i = 0; i < 300; i++) {
          Checks.eq("k" + i, all.get(i).key(), "key " + i);
          Checks.eq(i % 10 == 0 ? big.toString() : "value " + i + " \u00e9\u4e2d", all.get(i).value(), "value " + i);
        }
        Checks.data("topic.codec." + codec, t);
      });
    }
  }

  static void headersAndTimestamps() {
    Checks.check("headers: order, repeated keys, null and binary values", () -> {
      String t = prefix + "-headers";
      createTopic(t, 1, Map.of());
      byte[] binary = {0, (byte) 0xff, 10, 13, 0};
      try (KafkaProducer<String, String> p = producer(Map.of())) {
        ProducerRecord<String, String> r = new ProducerRecord<>(t, 0, "k", "v");
        r.headers().add("a", "1".getBytes(StandardCharsets.UTF_8)).add("a", "2".getBytes(StandardCharsets.UTF_8))
            .add("empty", new byte[0]).add("nul", null).add("\u00e9t\u00e9", binary);
        p.send(r).get();
        p.send(new ProducerRecord<>(t, 0, "k2", "no headers")).get();
      }
      List<ConsumerRecord<String, String>> all = readAll(t);
      Header[] h = all.get(0).headers().toArray();
      Checks.eq(5, h.length, "header count");
      Checks.eq("a", h[0].key(), "first key");
      Checks.eq("1", new String(h[0].value(), StandardCharsets.UTF_8), "first value");
      Checks.eq("2", new String(h[1].value(), StandardCharsets.UTF_8), "repeated key's value");
      Checks.eq(0, h[2].value().length, "empty value");
      Checks.eq(null, h[3].value(), "null value");
      Checks.eq("\u00e9t\u00e9", h[4].key(), "UTF-8 key");
      Checks.that(Arrays.equals(binary, h[4].value()), "binary value");
      Checks.eq(0, all.get(1).headers().toArray().length, "no headers");
    });
    long recent = System.currentTimeMillis() / 1000 * 1000 - 3_600_000L; // retention never deletes it mid-run
    Checks.check("CreateTime timestamps are kept", () -> {
      String t = prefix + "-createtime";
      createTopic(t, 1, Map.of());
      try (KafkaProducer<String, String> p = producer(Map.of())) {
        RecordMetadata md = p.send(new ProducerRecord<>(t, 0, recent, "k", "v")).get();
        Checks.eq(recent, md.timestamp(), "callback timestamp");
      }
      ConsumerRecord<String, String> r = readAll(t).get(0);
      Checks.eq(TimestampType.CREATE_TIME, r.timestampType(), "timestamp type");
      Checks.eq(recent, r.timestamp(), "timestamp");
    });
    Checks.check("LogAppendTime topics stamp the broker's time", () -> {
      String t = prefix + "-appendtime";
      createTopic(t, 1, Map.of("message.timestamp.type", "LogAppendTime"));
      long before = System.currentTimeMillis();
      long cbTs;
      try (KafkaProducer<String, String> p = producer(Map.of())) {
        cbTs = p.send(new ProducerRecord<>(t, 0, recent, "k", "v")).get().timestamp();
      }
      long after = System.currentTimeMillis();
      Checks.that(cbTs >= before - 1000 && cbTs <= after + 1000, "callback timestamp is the append time: " + cbTs);
      ConsumerRecord<String, String> r = readAll(t).get(0);
      Checks.eq(TimestampType.LOG_APPEND_TIME, r.timestampType(), "timestamp type");
      Checks.eq(cbTs, r.timestamp(), "consumed timestamp equals the callback's");
    });
  }

  static void keys() {
    Checks.check("keys: murmur2 partitions, per-partition offsets in the callbacks", () -> {
      String t = prefix + "-keys";
      createTopic(t, 5, Map.of());
      Map<String, RecordMetadata> byKey = new ConcurrentHashMap<>();
      try (KafkaProducer<String, String> p = producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, "10"))) {
        for (int i = 0; i < 300; i++) {
          String k = "key-" + i + (i % 7 == 0 ? "-\u00e9" : "");
          p.send(new ProducerRecord<>(t, k, "value-" + i), (md, e) -> { if (e == null) byKey.put(k, md); });
        }
        p.flush();
      }
      Checks.eq(300, byKey.size(), "callbacks");
      Map<Integer, List<Long>> offsets = new TreeMap<>();
      for (RecordMetadata m : byKey.values()) offsets.computeIfAbsent(m.partition(), x -> new ArrayList<>()).add(m.offset());
      for (Map.Entry<Integer, List<Long>> e : offsets.entrySet()) {
        List<Long> o = e.getValue();
        Collections.sort(o);
        for (int i = 0; i < o.size(); i++) Checks.eq((long) i, o.get(i), "partition " + e.getKey() + " offsets are 0..n-1");
      }
      for (ConsumerRecord<String, String> r : readAll(t)) {
        RecordMetadata m = byKey.get(r.key());
        Checks.eq(m.partition(), r.partition(), "partition of " + r.key());
        Checks.eq(m.offset(), r.offset(), "offset of " + r.key());
      }
      Checks.data("topic.keys", t);
      for (Map.Entry<String, RecordMetadata> e : new TreeMap<>(byKey).entrySet()) Checks.data("key", e.getKey() + "\t" + e.getValue().partition());
    });
  }

  static void limits() {
    Checks.check("a record above message.max.bytes: RecordTooLargeException from the broker", () -> {
      String t = prefix + "-large";
      createTopic(t, 1, Map.of());
      char[] big = new char[1_100_000];
      Arrays.fill(big, 'x');
      try (KafkaProducer<String, String> p = producer(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "2000000", ProducerConfig.BATCH_SIZE_CONFIG, "2000000"))) {
        Checks.thrown(RecordTooLargeException.class, () -> p.send(new ProducerRecord<>(t, 0, "k", new String(big))).get());
        // The topic takes the next record that fits.
        Checks.eq(0L, p.send(new ProducerRecord<>(t, 0, "k", "small")).get().offset(), "a small record after the refused one");
      }
    });
    Checks.check("a topic-level max.message.bytes is enforced", () -> {
      String t = prefix + "-smallmax";
      createTopic(t, 1, Map.of("max.message.bytes", "2000"));
      try (KafkaProducer<String, String> p = producer(Map.of())) {
        Checks.thrown(RecordTooLargeException.class, () -> p.send(new ProducerRecord<>(t, 0, "k", "y".repeat(3000))).get());
        Checks.eq(0L, p.send(new ProducerRecord<>(t, 0, "k", "y".repeat(100))).get().offset(), "a record that fits");
      }
    });
    Checks.check("sending to a missing topic creates it (auto.create.topics.enable)", () -> {
      String t = prefix + "-auto";
      try (KafkaProducer<String, String> p = producer(Map.of())) {
        RecordMetadata md = p.send(new ProducerRecord<>(t, "k", "v")).get();
        Checks.eq(0L, md.offset(), "offset");
        Checks.eq(1, p.partitionsFor(t).size(), "num.partitions");
      }
    });
    Checks.check("a partition the topic does not have: TimeoutException after max.block.ms", () -> {
      String t = prefix + "-acks1";
      try (KafkaProducer<String, String> p = producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500"))) {
        Checks.thrown(org.apache.kafka.common.errors.TimeoutException.class, () -> p.send(new ProducerRecord<>(t, 3, "k", "v")).get());
      }
    });
  }
}
