// Kafka's KafkaProducer transactions (the reference Java client) against a broker: commit and
// abort read back by read_committed and read_uncommitted consumers, a zombie fenced when a new
// instance of its transactional.id initialises, and consume-transform-produce with
// sendOffsetsToTransaction (the group's offsets commit with the transaction, or not at all), and
// back-to-back transactions whose small batches are pipelined (each transaction's first batch
// waits on the leader for its partition to join while the last one's markers are written).
// Usage: TransactionChecks BOOTSTRAP PREFIX
import java.time.Duration;
import java.util.*;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class TransactionChecks {
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
      Checks.check("commit and abort: read_committed sees the committed records in order", TransactionChecks::commitAbort);
      Checks.check("a zombie is fenced when a new instance initialises", TransactionChecks::zombie);
      Checks.check("sendOffsetsToTransaction: offsets commit with the transaction only", TransactionChecks::offsets);
      Checks.check("back-to-back transactions of pipelined batches all commit, in order", TransactionChecks::pipelined);
    } finally {
      admin.close(Duration.ofSeconds(5));
    }
    Checks.finish();
  }

  static KafkaProducer<String, String> producer(String txnId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txnId);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
    return new KafkaProducer<>(p);
  }

  static KafkaConsumer<String, String> consumer(String group, String isolation) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    if (group != null) p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    return new KafkaConsumer<>(p);
  }

  /** The values of a one-partition topic up to its end offset (the LSO when read_committed). */
  static List<String> read(String topic, String isolation) throws Exception {
    try (KafkaConsumer<String, String> c = consumer(null, isolation)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      List<String> out = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 20_000;
      while (c.position(tp) < end) {
        if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out reading " + topic);
        c.poll(Duration.ofMillis(100)).forEach(r -> out.add(r.value()));
      }
      return out;
    }
  }

  static void createTopic(String name) throws Exception {
    admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
  }

  static void send(KafkaProducer<String, String> p, String topic, String... values) {
    for (String v : values) p.send(new ProducerRecord<>(topic, 0, null, v));
  }

  static void commitAbort() throws Exception {
    String topic = prefix + "-ca";
    createTopic(topic);
    try (KafkaProducer<String, String> p = producer(prefix + "-ca-tx")) {
      p.initTransactions();
      p.beginTransaction();
      send(p, topic, "c1", "c2", "c3");
      p.commitTransaction();
      p.beginTransaction();
      send(p, topic, "a1", "a2");
      p.flush();
      p.abortTransaction();
      p.beginTransaction();
      send(p, topic, "c4", "c5");
      p.commitTransaction();
    }
    Checks.eq(List.of("c1", "c2", "c3", "c4", "c5"), read(topic, "read_committed"), "read_committed values");
    Checks.eq(List.of("c1", "c2", "c3", "a1", "a2", "c4", "c5"), read(topic, "read_uncommitted"), "read_uncommitted values");
    // Three records and a commit marker, two and an abort marker, two and a commit marker: 10 offsets.
    try (KafkaConsumer<String, String> c = consumer(null, "read_committed")) {
      TopicPartition tp = new TopicPartition(topic, 0);
      Checks.eq(10L, c.endOffsets(List.of(tp)).get(tp), "end offset (LSO) after three markers");
    }
  }

  static void zombie() throws Exception {
    String topic = prefix + "-zombie";
    createTopic(topic);
    KafkaProducer<String, String> old = producer(prefix + "-zombie-tx");
    old.initTransactions();
    old.beginTransaction();
    send(old, topic, "zombie");
    old.flush();
    try (KafkaProducer<String, String> successor = producer(prefix + "-zombie-tx")) {
      successor.initTransactions();
      Checks.thrown(ProducerFencedException.class, old::commitTransaction);
      old.close(Duration.ofSeconds(5));
      successor.beginTransaction();
      send(successor, topic, "successor");
      successor.commitTransaction();
    }
    Checks.eq(List.of("successor"), read(topic, "read_committed"), "read_committed values");
  }

  /** Consume-transform-produce: copy in -> out, committing the group's offsets in the transaction. */
  static void offsets() throws Exception {
    String in = prefix + "-in", out = prefix + "-out", group = prefix + "-ctp";
    createTopic(in);
    createTopic(out);
    try (KafkaProducer<String, String> p = producer(prefix + "-in-tx")) {
      p.initTransactions();
      p.beginTransaction();
      send(p, in, "x1", "x2", "x3", "x4");
      p.commitTransaction();
    }
    TopicPartition tp = new TopicPartition(in, 0);
    try (KafkaProducer<String, String> p = producer(prefix + "-ctp-tx");
         KafkaConsumer<String, String> c = consumer(group, "read_committed")) {
      p.initTransactions();
      c.subscribe(List.of(in));
      List<ConsumerRecord<String, String>> got = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 30_000;
      while (got.size() < 4) {
        if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out consuming " + in);
        c.poll(Duration.ofMillis(100)).forEach(got::add);
      }
      // First two: aborted with their offsets; then all four committed with offset 4.
      p.beginTransaction();
      send(p, out, got.get(0).value().toUpperCase(), got.get(1).value().toUpperCase());
      p.sendOffsetsToTransaction(Map.of(tp, new OffsetAndMetadata(2)), c.groupMetadata());
      p.abortTransaction();
      Checks.eq(null, admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp), "offset after the abort");
      p.beginTransaction();
      for (ConsumerRecord<String, String> r : got) send(p, out, r.value().toUpperCase());
      p.sendOffsetsToTransaction(Map.of(tp, new OffsetAndMetadata(4)), c.groupMetadata());
      p.commitTransaction();
    }
    Checks.eq(4L, admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp).offset(), "offset after the commit");
    Checks.eq(List.of("X1", "X2", "X3", "X4"), read(out, "read_committed"), "read_committed output");
  }

  /**
   * 100 transactions of 60 records in batches of a few records (up to 5 requests in flight): the
   * engine once let a later batch overtake the first one of a transaction while that one waited
   * for its partition to join (OutOfOrderSequenceException, about 1 transaction in 12).
   */
  static void pipelined() throws Exception {
    String topic = prefix + "-pipelined";
    createTopic(topic);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "-pipelined-tx");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "300");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    List<String> expected = new ArrayList<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.initTransactions();
      for (int t = 0; t < 100; t++) {
        producer.beginTransaction();
        for (int i = 0; i < 60; i++) {
          String v = "value-" + t + "-" + i + "-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
          send(producer, topic, v);
          expected.add(v);
        }
        producer.commitTransaction();
      }
    }
    Checks.eq(expected, read(topic, "read_committed"), "read_committed values");
  }
}
