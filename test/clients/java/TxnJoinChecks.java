// Kafka's Java 4.4 producer (transactions v2) sending the first batch of a transaction while the
// previous transaction of its id is still in PREPARE_COMMIT (the test stalls the leader of the
// previous transaction's partition, so its marker is not written). The partition leader retries
// adding the partition for add.partitions.to.txn.retry.backoff.max.ms, then answers
// CONCURRENT_TRANSACTIONS; with retries=1 the send fails with that error after two attempts.
// Args: bootstrap, transactional id, held topic (previous transaction), next topic. Stdin: one
// line once the held topic's leader is stalled.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ConcurrentTransactionsException;
import org.apache.kafka.common.serialization.StringSerializer;

public final class TxnJoinChecks {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0], txnId = args[1], held = args[2], next = args[3];
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txnId);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
    p.put(ProducerConfig.RETRIES_CONFIG, "1");
    KafkaProducer<String, String> producer = new KafkaProducer<>(p);
    producer.initTransactions();
    // Metadata of both topics now: no metadata request may go to the broker stalled next.
    producer.partitionsFor(held);
    producer.partitionsFor(next);
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(held, 0, null, "previous")).get();
    Checks.data("held-sent", "1");
    new BufferedReader(new InputStreamReader(System.in)).readLine();
    // Transactions v2: answered once PREPARE_COMMIT is written, the markers come later.
    producer.commitTransaction();
    producer.beginTransaction();
    Checks.check("next-send-concurrent-transactions", () -> {
      long start = System.nanoTime();
      try {
        producer.send(new ProducerRecord<>(next, 0, null, "next")).get();
        throw new AssertionError("the send succeeded");
      } catch (ExecutionException e) {
        Checks.data("send-failed-ms", (System.nanoTime() - start) / 1_000_000);
        Checks.data("send-error", e.getCause().getClass().getSimpleName());
        if (!(e.getCause() instanceof ConcurrentTransactionsException)) throw e;
      }
    });
    producer.close(Duration.ZERO);
    System.exit(Checks.failures == 0 ? 0 : 1);
  }
}
