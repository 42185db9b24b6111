// Sarama (IBM/sarama) against the engine, configured as a given Kafka version. Prints one JSON
// report (test/clients/go-sarama.test.ts, old-clients.test.ts).
//
// Usage: sarama BOOTSTRAP TOPIC COMPRESSION KAFKA_VERSION
//
// From 0.10.2 on (Sarama's consumer groups): admin, a keyed produce (headers from 0.11), a
// two-member group that rebalances and commits. Before that (the 0.8.2-0.10.1 protocol: message
// format v0/v1, Fetch v0-3, ListOffsets v0/v1, OffsetCommit v1-2): a keyed produce, a partition
// consumer reading it back, offsets committed and fetched by an offset manager, and the oldest
// and newest offsets.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/IBM/sarama"
	"log"
)

type delivered struct {
	Value     string `json:"value"`
	Key       string `json:"key"`
	Partition int32  `json:"partition"`
	Offset    int64  `json:"offset"`
}

type consumed struct {
	Member    string      `json:"member"`
	Key       string      `json:"key"`
	Value     string      `json:"value"`
	Partition int32       `json:"partition"`
	Offset    int64       `json:"offset"`
	Timestamp int64       `json:"timestamp"`
	Headers   [][2]string `json:"headers"`
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func must(err error, what string) {
	if err != nil {
		fail("%s: %v", what, err)
	}
}

func until(cond func() bool, what string) {
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			fail("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var codecs = map[string]sarama.CompressionCodec{
	"none": sarama.CompressionNone, "gzip": sarama.CompressionGZIP, "snappy": sarama.CompressionSnappy,
	"lz4": sarama.CompressionLZ4, "zstd": sarama.CompressionZSTD,
}

func config(version sarama.KafkaVersion, compression string) *sarama.Config {
	c := sarama.NewConfig()
	c.Version = version
	c.ClientID = "sarama-test"
	c.Producer.Return.Successes = true
	c.Producer.RequiredAcks = sarama.WaitForAll
	c.Producer.Compression = codecs[compression]
	c.Producer.Partitioner = sarama.NewConsistentCRCHashPartitioner
	c.Producer.Flush.Frequency = 20 * time.Millisecond
	c.Consumer.Offsets.Initial = sarama.OffsetOldest
	c.Consumer.Offsets.AutoCommit.Enable = false
	c.Consumer.Group.Rebalance.GroupStrategies = []sarama.BalanceStrategy{sarama.NewBalanceStrategyRange()}
	c.Consumer.Group.Session.Timeout = 10 * time.Second
	c.Consumer.Group.Heartbeat.Interval = 500 * time.Millisecond
	c.Metadata.Retry.Backoff = 50 * time.Millisecond
	return c
}

// produce sends 30 keyed records (headers when the version has them) with an async producer.
func produce(cfg *sarama.Config, bootstrap, topic string, withHeaders bool) []delivered {
	p, err := sarama.NewAsyncProducer([]string{bootstrap}, cfg)
	must(err, "producer")
	for i := 0; i < 30; i++ {
		m := &sarama.ProducerMessage{Topic: topic, Key: sarama.StringEncoder(fmt.Sprintf("key-%d", i%6)), Value: sarama.StringEncoder(fmt.Sprintf("value-%d", i))}
		if withHeaders {
			m.Headers = []sarama.RecordHeader{{Key: []byte("n"), Value: []byte(fmt.Sprint(i))}}
		}
		p.Input() <- m
	}
	var out []delivered
	for len(out) < 30 {
		select {
		case m := <-p.Successes():
			k, _ := m.Key.Encode()
			v, _ := m.Value.Encode()
			out = append(out, delivered{string(v), string(k), m.Partition, m.Offset})
		case e := <-p.Errors():
			fail("produce: %v", e.Err)
		case <-time.After(30 * time.Second):
			fail("produce timed out")
		}
	}
	must(p.Close(), "producer close")
	return out
}

func headersOf(hs []*sarama.RecordHeader) [][2]string {
	out := [][2]string{}
	for _, h := range hs {
		out = append(out, [2]string{string(h.Key), string(h.Value)})
	}
	return out
}

type handler struct {
	name     string
	mu       *sync.Mutex
	assigned map[string][]int32
	cons     *[]consumed
}

func (h handler) Setup(s sarama.ConsumerGroupSession) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	ps := append([]int32(nil), s.Claims()[topicOf(s)]...)
	sort.Slice(ps, func(i, j int) bool { return ps[i] < ps[j] })
	h.assigned[h.name] = ps
	return nil
}

func topicOf(s sarama.ConsumerGroupSession) string {
	for t := range s.Claims() {
		return t
	}
	return ""
}

func (h handler) Cleanup(sarama.ConsumerGroupSession) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.assigned[h.name] = nil
	return nil
}

func (h handler) ConsumeClaim(s sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for m := range claim.Messages() {
		h.mu.Lock()
		*h.cons = append(*h.cons, consumed{h.name, string(m.Key), string(m.Value), m.Partition, m.Offset, m.Timestamp.UnixMilli(), headersOf(m.Headers)})
		h.mu.Unlock()
		s.MarkMessage(m, "")
		s.Commit()
	}
	return nil
}

func current(bootstrap, topic, compression string, version sarama.KafkaVersion, out map[string]any) {
	cfg := config(version, compression)
	group := topic + "-group"
	admin, err := sarama.NewClusterAdmin([]string{bootstrap}, cfg)
	must(err, "admin")
	retention := "3600000"
	must(admin.CreateTopic(topic, &sarama.TopicDetail{NumPartitions: 2, ReplicationFactor: 1, ConfigEntries: map[string]*string{"retention.ms": &retention}}, false), "create topic")
	err = admin.CreateTopic(topic, &sarama.TopicDetail{NumPartitions: 2, ReplicationFactor: 1}, false)
	var te *sarama.TopicError
	if errors.As(err, &te) {
		out["duplicate"] = te.Err.Error()
	} else {
		out["duplicate"] = fmt.Sprint(err)
	}
	must(admin.CreatePartitions(topic, 3, nil, false), "create partitions")
	topics, err := admin.ListTopics()
	must(err, "list topics")
	out["partitions"] = topics[topic].NumPartitions
	out["retentionListed"] = *topics[topic].ConfigEntries["retention.ms"]
	compact := "compact"
	must(admin.AlterConfig(sarama.TopicResource, topic, map[string]*string{"cleanup.policy": &compact, "retention.ms": &retention}, false), "alter config")
	entries, err := admin.DescribeConfig(sarama.ConfigResource{Type: sarama.TopicResource, Name: topic})
	must(err, "describe config")
	for _, e := range entries {
		if e.Name == "cleanup.policy" || e.Name == "retention.ms" {
			out[e.Name] = []string{e.Value, e.Source.String()}
		}
	}

	out["delivered"] = produce(cfg, bootstrap, topic, version.IsAtLeast(sarama.V0_11_0_0))

	var mu sync.Mutex
	assigned := map[string][]int32{}
	var cons []consumed
	get := func(name string) []int32 {
		mu.Lock()
		defer mu.Unlock()
		return append([]int32(nil), assigned[name]...)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var groups []sarama.ConsumerGroup
	start := func(name string) {
		c := config(version, compression)
		c.ClientID = "sarama-" + name
		g, err := sarama.NewConsumerGroup([]string{bootstrap}, group, c)
		must(err, "consumer group "+name)
		groups = append(groups, g)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if err := g.Consume(ctx, []string{topic}, handler{name, &mu, assigned, &cons}); err != nil && ctx.Err() == nil {
					fail("consume %s: %v", name, err)
				}
			}
		}()
	}
	start("a")
	until(func() bool { return len(get("a")) == 3 }, "the first member to get all partitions")
	out["assignedAlone"] = get("a")
	start("b")
	until(func() bool { a, b := get("a"), get("b"); return len(a) > 0 && len(b) > 0 && len(a)+len(b) == 3 }, "a rebalance over both members")
	out["assignedTogether"] = map[string][]int32{"a": get("a"), "b": get("b")}
	until(func() bool { mu.Lock(); defer mu.Unlock(); return len(cons) >= 30 }, "all 30 records")
	mu.Lock()
	out["consumed"] = append([]consumed(nil), cons...)
	mu.Unlock()

	described, err := admin.DescribeConsumerGroups([]string{group})
	must(err, "describe groups")
	out["groupState"] = described[0].State
	out["groupMembers"] = len(described[0].Members)
	offsets, err := admin.ListConsumerGroupOffsets(group, nil)
	must(err, "list group offsets")
	var committed [][2]int64
	for p, b := range offsets.Blocks[topic] {
		committed = append(committed, [2]int64{int64(p), b.Offset})
	}
	sort.Slice(committed, func(i, j int) bool { return committed[i][0] < committed[j][0] })
	out["committed"] = committed
	cancel()
	for _, g := range groups {
		must(g.Close(), "group close")
	}
	wg.Wait()
	client, err := sarama.NewClient([]string{bootstrap}, cfg)
	must(err, "client")
	var ends [][2]int64
	for p := int32(0); p < 3; p++ {
		o, err := client.GetOffset(topic, p, sarama.OffsetNewest)
		must(err, "get offset")
		ends = append(ends, [2]int64{int64(p), o})
	}
	out["endOffsets"] = ends
	must(client.Close(), "client close")
	must(admin.Close(), "admin close")
}

func old(bootstrap, topic, compression string, version sarama.KafkaVersion, out map[string]any) {
	cfg := config(version, compression)
	// Old brokers create topics on first use (Metadata); two partitions here.
	out["delivered"] = produce(cfg, bootstrap, topic, false)
	client, err := sarama.NewClient([]string{bootstrap}, cfg)
	must(err, "client")
	parts, err := client.Partitions(topic)
	must(err, "partitions")
	out["partitions"] = len(parts)
	consumer, err := sarama.NewConsumerFromClient(client)
	must(err, "consumer")
	var cons []consumed
	var ends [][2]int64
	for _, p := range parts {
		newest, err := client.GetOffset(topic, p, sarama.OffsetNewest)
		must(err, "newest offset")
		oldest, err := client.GetOffset(topic, p, sarama.OffsetOldest)
		must(err, "oldest offset")
		ends = append(ends, [2]int64{int64(p), newest})
		out[fmt.Sprintf("oldest-%d", p)] = oldest
		if newest == 0 {
			continue
		}
		pc, err := consumer.ConsumePartition(topic, p, sarama.OffsetOldest)
		must(err, "consume partition")
		for m := range pc.Messages() {
			cons = append(cons, consumed{"", string(m.Key), string(m.Value), m.Partition, m.Offset, m.Timestamp.UnixMilli(), headersOf(m.Headers)})
			if m.Offset == newest-1 {
				break
			}
		}
		must(pc.Close(), "partition consumer close")
	}
	out["consumed"] = cons
	out["endOffsets"] = ends
	// Offsets committed through the coordinator (OffsetCommit v1/v2) and read back by a new manager.
	group := topic + "-group"
	om, err := sarama.NewOffsetManagerFromClient(group, client)
	must(err, "offset manager")
	var poms []sarama.PartitionOffsetManager
	for _, p := range parts {
		pom, err := om.ManagePartition(topic, p)
		must(err, "manage partition")
		pom.MarkOffset(int64(10+p), "meta")
		pom.AsyncClose()
		poms = append(poms, pom)
	}
	// Without auto-commit, a closed partition manager is released by the next commit.
	om.Commit()
	for _, pom := range poms {
		must(pom.Close(), "partition offset manager close")
	}
	must(om.Close(), "offset manager close")
	om2, err := sarama.NewOffsetManagerFromClient(group, client)
	must(err, "offset manager 2")
	var committed [][]any
	for _, p := range parts {
		pom, err := om2.ManagePartition(topic, p)
		must(err, "manage partition 2")
		o, meta := pom.NextOffset()
		committed = append(committed, []any{p, o, meta})
		pom.AsyncClose()
	}
	om2.Commit()
	out["committed"] = committed
	must(om2.Close(), "offset manager 2 close")
	must(consumer.Close(), "consumer close")
	must(client.Close(), "client close")
}

func main() {
	bootstrap, topic, compression := os.Args[1], os.Args[2], os.Args[3]
	if os.Getenv("SARAMA_LOG") != "" {
		sarama.Logger = log.New(os.Stderr, "[sarama] ", log.Lmicroseconds)
	}
	version, err := sarama.ParseKafkaVersion(os.Args[4])
	must(err, "version")
	out := map[string]any{"version": version.String()}
	if version.IsAtLeast(sarama.V0_10_2_0) {
		current(bootstrap, topic, compression, version, out)
	} else {
		old(bootstrap, topic, compression, version, out)
	}
	must(json.NewEncoder(os.Stdout).Encode(out), "report")
}
