// Kafka's KafkaConsumer in consumer groups (group.protocol=classic, the 4.x default; the KIP-848
// protocol is not served by the engine yet): two members splitting partitions with each assignor
// and rebalancing when one leaves, rebalance listeners, commits across a rebalance, and static
// membership (a member restarted with its group.instance.id gets its partitions back without a
// rebalance; a second member with the same id fences the first). Usage: GroupChecks BOOTSTRAP PREFIX.
import java.time.Duration;
import java.util.*;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class GroupChecks {
  static String bootstrap;
  static String prefix;
  static Admin admin;
  static KafkaProducer<String, String> producer;

  public static void main(String[] args) throws Exception {
    bootstrap = args[0];
    prefix = args[1];
    Properties a = new Properties();
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    admin = Admin.create(a);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(p);
    try {
      for (String assignor : List.of("range", "roundrobin", "sticky", "cooperative-sticky")) assignor(assignor);
      staticMembership();
    } finally {
      producer.close(Duration.ofSeconds(5));
      admin.close(Duration.ofSeconds(5));
    }
    Checks.finish();
  }

  static final Map<String, String> ASSIGNOR_CLASS = Map.of(
      "range", RangeAssignor.class.getName(),
      "roundrobin", RoundRobinAssignor.class.getName(),
      "sticky", StickyAssignor.class.getName(),
      "cooperative-sticky", CooperativeStickyAssignor.class.getName());

  /** A group member polled from the main thread, with what its rebalance listener saw. */
  static final class Member implements ConsumerRebalanceListener {
    final String name;
    final KafkaConsumer<String, String> consumer;
    final List<String> events = new ArrayList<>();
    final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    Member(String name, String group, String assignor, String instanceId) {
      this.name = name;
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
      p.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + name);
      p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ASSIGNOR_CLASS.get(assignor));
      p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "100");
      p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000");
      if (instanceId != null) p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
      consumer = new KafkaConsumer<>(p);
    }

    void subscribe(String topic) {
      consumer.subscribe(List.of(topic), this);
    }

    void poll() {
      consumer.poll(Duration.ofMillis(20)).forEach(records::add);
    }

    List<Integer> owned() {
      return consumer.assignment().stream().map(TopicPartition::partition).sorted().collect(Collectors.toList());
    }

    public void onPartitionsRevoked(Collection<TopicPartition> parts) { events.add("revoked " + partitions(parts)); }
    public void onPartitionsAssigned(Collection<TopicPartition> parts) { events.add("assigned " + partitions(parts)); }
    public void onPartitionsLost(Collection<TopicPartition> parts) { events.add("lost " + partitions(parts)); }
  }

  static List<Integer> partitions(Collection<TopicPartition> parts) {
    return parts.stream().map(TopicPartition::partition).sorted().collect(Collectors.toList());
  }

  /**
   * Poll every member in turn until the condition holds (one thread: KafkaConsumer is not
   * thread-safe). 120 s: Kafka's own broker on a loaded 2-core machine took over 30 s for a first
   * join, and once (the reference suite beside the unit suite) over 60 s.
   */
  static void pollUntil(String what, BooleanSupplier cond, Member... members) throws InterruptedException {
    Checks.waitFor(what, Duration.ofSeconds(120), () -> {
      for (Member m : members) m.poll();
      return cond.getAsBoolean();
    });
  }

  /** Poll for a while, for checks that something does NOT happen (a rebalance). */
  static void pollFor(Duration d, Member... members) {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end) for (Member m : members) m.poll();
  }

  static void produce(String topic, int partitions, int perPartition, String tag) throws Exception {
    for (int i = 0; i < partitions * perPartition; i++) producer.send(new ProducerRecord<>(topic, i % partitions, null, tag + i));
    producer.flush();
  }

  static ConsumerGroupDescription describe(String group) throws Exception {
    return admin.describeConsumerGroups(List.of(group)).all().get().get(group);
  }

  static void assignor(String assignor) {
    String topic = prefix + "-" + assignor;
    String group = prefix + "-group-" + assignor;
    Checks.check(assignor + ": two members split four partitions, one takes all when the other leaves", () -> {
      admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
      produce(topic, 4, 10, "first-");
      Member a = new Member("a", group, assignor, null);
      Member b = new Member("b", group, assignor, null);
      try {
        a.subscribe(topic);
        pollUntil("a alone owns every partition and read 40 records", () -> a.owned().size() == 4 && a.records.size() == 40, a);
        Checks.eq(List.of("assigned [0, 1, 2, 3]"), a.events, "a's events alone");

        b.subscribe(topic);
        pollUntil("a and b own two partitions each", () -> a.owned().size() == 2 && b.owned().size() == 2, a, b);
        Set<Integer> union = new TreeSet<>(a.owned());
        union.addAll(b.owned());
        Checks.eq(Set.of(0, 1, 2, 3), union, "every partition owned once");
        List<List<Integer>> split = List.of(a.owned(), b.owned());
        switch (assignor) {
          case "range":
            Checks.that(split.contains(List.of(0, 1)) && split.contains(List.of(2, 3)), "range gives contiguous halves: " + split);
            break;
          case "roundrobin":
            Checks.that(split.contains(List.of(0, 2)) && split.contains(List.of(1, 3)), "roundrobin alternates: " + split);
            break;
          case "sticky":
            // Eager: everything revoked, then a keeps two of its four.
            Checks.eq(List.of("assigned [0, 1, 2, 3]", "revoked [0, 1, 2, 3]", "assigned " + a.owned()), a.events, "a's events");
            break;
          case "cooperative-sticky":
            // Cooperative: a gives up only what b gets, in a first rebalance; b gets it in a second.
            Checks.eq("assigned [0, 1, 2, 3]", a.events.get(0), "a's first event");
            Checks.eq("revoked " + b.owned(), a.events.get(1), "a revokes only b's partitions");
            Checks.that(a.events.stream().noneMatch(e -> e.startsWith("revoked") && !e.equals("revoked " + b.owned())), "no other revocation: " + a.events);
            Checks.eq("assigned " + b.owned(), b.events.get(b.events.size() - 1), "b's assignment");
            break;
          default:
            throw new AssertionError(assignor);
        }
        Checks.eq(List.of(), b.records, "b starts at a's committed offsets (auto commit before the rebalance)");

        ConsumerGroupDescription d = describe(group);
        Checks.eq(assignor, d.partitionAssignor(), "the group's assignor");
        Checks.eq(GroupState.STABLE, d.groupState(), "state");
        Checks.eq(2, d.members().size(), "members");

        a.records.clear();
        produce(topic, 4, 5, "second-");
        pollUntil("20 new records between them", () -> a.records.size() + b.records.size() >= 20, a, b);
        Checks.eq(20, a.records.size() + b.records.size(), "no record read twice");
        for (ConsumerRecord<String, String> r : a.records) Checks.that(a.owned().contains(r.partition()), "a reads only its partitions");
        for (ConsumerRecord<String, String> r : b.records) Checks.that(b.owned().contains(r.partition()), "b reads only its partitions");

        List<Integer> aBefore = a.owned();
        List<Integer> bBefore = b.owned();
        int eventsBefore = a.events.size();
        b.consumer.close(Duration.ofSeconds(5));
        Checks.eq("revoked " + bBefore, b.events.get(b.events.size() - 1), "b revokes its partitions on close");
        pollUntil("a owns every partition again", () -> a.owned().size() == 4, a);
        List<String> after = a.events.subList(eventsBefore, a.events.size());
        if (assignor.equals("cooperative-sticky")) {
          Checks.eq(List.of("assigned " + bBefore), after, "a only gains b's partitions");
        } else {
          Checks.eq(List.of("revoked " + aBefore, "assigned [0, 1, 2, 3]"), after, "eager: a revokes and gets all");
        }
        a.records.clear();
        produce(topic, 4, 1, "third-");
        pollUntil("4 new records", () -> a.records.size() >= 4, a);
        Checks.eq(List.of("third-0", "third-1", "third-2", "third-3"),
            a.records.stream().map(ConsumerRecord::value).sorted().collect(Collectors.toList()), "a resumes b's partitions at b's commits");
      } finally {
        a.consumer.close(Duration.ofSeconds(5));
        try {
          b.consumer.close(Duration.ofSeconds(1));
        } catch (IllegalStateException alreadyClosed) {
          // closed above
        }
      }
    });
  }

  static void staticMembership() {
    String topic = prefix + "-static";
    String group = prefix + "-static-group";
    Checks.check("static membership: a restarted member gets its partitions back without a rebalance", () -> {
      admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
      Member s1 = new Member("s1", group, "range", "instance-1");
      Member s2 = new Member("s2", group, "range", "instance-2");
      Member s1again = null;
      try {
        s1.subscribe(topic);
        s2.subscribe(topic);
        pollUntil("two members with two partitions each", () -> s1.owned().size() == 2 && s2.owned().size() == 2, s1, s2);
        int generation = s2.consumer.groupMetadata().generationId();
        List<Integer> s1Owned = s1.owned();
        String s1MemberId = s1.consumer.groupMetadata().memberId();
        Checks.eq(Optional.of("instance-1"), s1.consumer.groupMetadata().groupInstanceId(), "group.instance.id");
        Checks.that(s1MemberId.startsWith("instance-1-"), "a static member's id starts with its instance id: " + s1MemberId);
        int s2Events = s2.events.size();

        s1.consumer.close(Duration.ofSeconds(5)); // a static member does not leave the group on close
        pollFor(Duration.ofMillis(1000), s2);
        Checks.eq(s2Events, s2.events.size(), "no rebalance for s2 while s1 is away");
        ConsumerGroupDescription away = describe(group);
        Checks.eq(2, away.members().size(), "s1 is still a member while away");
        Checks.eq(GroupState.STABLE, away.groupState(), "still stable");

        Member back = new Member("s1-again", group, "range", "instance-1");
        s1again = back;
        back.subscribe(topic);
        pollUntil("s1 back with its partitions", () -> back.owned().size() == 2, back, s2);
        Checks.eq(s1Owned, back.owned(), "the same partitions as before");
        Checks.eq(generation, back.consumer.groupMetadata().generationId(), "the same generation (no rebalance)");
        Checks.that(!back.consumer.groupMetadata().memberId().equals(s1MemberId), "a new member id");
        pollFor(Duration.ofMillis(500), back, s2);
        Checks.eq(s2Events, s2.events.size(), "s2 saw no rebalance");
        Checks.eq(generation, s2.consumer.groupMetadata().generationId(), "s2's generation unchanged");
        ConsumerGroupDescription d = describe(group);
        Checks.eq(Set.of("instance-1", "instance-2"),
            d.members().stream().map(m -> m.groupInstanceId().orElse("?")).collect(Collectors.toSet()), "members by instance id");

        // A second consumer claiming instance-2 while s2 runs fences s2.
        Member intruder = new Member("intruder", group, "range", "instance-2");
        try {
          intruder.subscribe(topic);
          Checks.thrown(FencedInstanceIdException.class, () -> pollUntil("s2 fenced", () -> false, intruder, s2));
        } finally {
          intruder.consumer.close(Duration.ofSeconds(2));
        }
      } finally {
        if (s1again != null) s1again.consumer.close(Duration.ofSeconds(2));
        try {
          s2.consumer.close(Duration.ofSeconds(2));
        } catch (RuntimeException fenced) {
          // a fenced member may fail to close cleanly
        }
      }
    });
  }
}
