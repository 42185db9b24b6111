// Kafka's Java producer and consumer running across a broker failover, driven by the test through
// stdin ("stop" ends the run) and reporting on stdout one line per event the test checks:
//   produce BOOTSTRAP TOPIC        -> "ACK<TAB>value<TAB>partition<TAB>offset" per acknowledged record,
//                                     "ERR<TAB>value<TAB>exception" per failed one, "DONE" after close
//   consume BOOTSTRAP TOPIC GROUP  -> "ASSIGNED<TAB>partitions" per assignment,
//                                     "REC<TAB>partition<TAB>offset<TAB>value" per record, "DONE" after close
// The producer is acks=all and idempotent with the client's default retries and timeouts; the
// consumer commits synchronously after each poll, so it resumes where it was after a coordinator moves.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class FailoverClients {
  static final AtomicBoolean stop = new AtomicBoolean();

  public static void main(String[] args) throws Exception {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
        for (String line; (line = in.readLine()) != null; ) if (line.trim().equals("stop")) break;
      } catch (Exception e) {
        // stdin gone: stop as well
      }
      stop.set(true);
    });
    reader.setDaemon(true);
    reader.start();
    if (args[0].equals("produce")) produce(args[1], args[2]);
    else consume(args[1], args[2], args[3]);
    out("DONE");
    System.exit(0);
  }

  static synchronized void out(String line) {
    System.out.println(line);
    System.out.flush();
  }

  static void produce(String bootstrap, String topic) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "failover-producer");
    AtomicLong acked = new AtomicLong();
    long sent = 0;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      while (!stop.get()) {
        // Keep a bounded number of records outstanding so the run spans the failover.
        if (sent - acked.get() >= 500) {
          Thread.sleep(1);
          continue;
        }
        String value = "j" + sent++;
        producer.send(new ProducerRecord<>(topic, null, value), (md, e) -> {
          if (e != null) out("ERR\t" + value + "\t" + String.valueOf(e).replace('\n', ' '));
          else out("ACK\t" + value + "\t" + md.partition() + "\t" + md.offset());
          acked.incrementAndGet();
        });
      }
      producer.flush();
    }
  }

  static void consume(String bootstrap, String topic, String group) throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-consumer");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        public void onPartitionsRevoked(Collection<TopicPartition> parts) {}

        public void onPartitionsAssigned(Collection<TopicPartition> parts) {
          List<Integer> ids = new ArrayList<>();
          for (TopicPartition tp : parts) ids.add(tp.partition());
          Collections.sort(ids);
          out("ASSIGNED\t" + ids);
        }
      });
      while (!stop.get()) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<String, String> r : records) out("REC\t" + r.partition() + "\t" + r.offset() + "\t" + r.value());
        if (!records.isEmpty()) {
          try {
            consumer.commitSync();
          } catch (Exception e) {
            out("WARN\tcommit\t" + String.valueOf(e).replace('\n', ' '));
          }
        }
      }
    }
  }
}
