// Sarama 1.25 (github.com/Shopify/sarama, 2020: before the IBM move and before its default
// protocol version rose above 0.8.2) against the engine with its defaults. Prints one JSON report
// (test/clients/old-clients.test.ts).
//
// Usage: saramalegacy BOOTSTRAP TOPIC GROUP
//
// With sarama.NewConfig() as it comes (Kafka 0.8.2: Produce v0, Fetch v0, ListOffsets v0, the FNV-1a
// hash partitioner, acks from the leader): a sync producer sends 30 keyed messages and a consumer
// reads every partition back from the oldest offset. Then a consumer group, which Sarama allows
// from 0.10.2 on (that version set, and the oldest offset to start from; the rest default: range
// assignment, 10 s sessions, 3 s heartbeats, offsets committed every second): member a joins alone
// and reads everything, member b joins, both are given their share of the partitions in one
// generation, and both leave.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/Shopify/sarama"
)

type delivered struct {
	Value     string `json:"value"`
	Key       string `json:"key"`
	Partition int32  `json:"partition"`
	Offset    int64  `json:"offset"`
}

type consumed struct {
	Member    string `json:"member"`
	Key       string `json:"key"`
	Value     string `json:"value"`
	Partition int32  `json:"partition"`
	Offset    int64  `json:"offset"`
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

// until polls a condition with a deadline.
func until(cond func() bool, what string) {
	deadline := time.Now().Add(45 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			fail("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type member struct {
	name       string
	mu         *sync.Mutex
	out        *[]consumed
	generation int32
	claims     []int32
}

func (m *member) Setup(s sarama.ConsumerGroupSession) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.generation = s.GenerationID()
	m.claims = nil
	for _, ps := range s.Claims() {
		m.claims = append(m.claims, ps...)
	}
	sort.Slice(m.claims, func(i, j int) bool { return m.claims[i] < m.claims[j] })
	return nil
}

func (m *member) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (m *member) ConsumeClaim(s sarama.ConsumerGroupSession, c sarama.ConsumerGroupClaim) error {
	for msg := range c.Messages() {
		m.mu.Lock()
		*m.out = append(*m.out, consumed{m.name, string(msg.Key), string(msg.Value), msg.Partition, msg.Offset})
		m.mu.Unlock()
		s.MarkMessage(msg, "")
	}
	return nil
}

func (m *member) state() (int32, []int32) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.generation, m.claims
}

// join starts a member that consumes until its context is cancelled.
func join(bootstrap, group, topic, name string, mu *sync.Mutex, out *[]consumed) (*member, sarama.ConsumerGroup, context.CancelFunc, chan struct{}) {
	cfg := sarama.NewConfig()
	cfg.Version = sarama.V0_10_2_0
	cfg.Consumer.Offsets.Initial = sarama.OffsetOldest
	cfg.Consumer.Return.Errors = false
	g, err := sarama.NewConsumerGroup([]string{bootstrap}, group, cfg)
	must(err, "consumer group")
	m := &member{name: name, mu: mu, out: out, generation: -1}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			if err := g.Consume(ctx, []string{topic}, m); err != nil && ctx.Err() == nil {
				fail("member %s: %v", name, err)
			}
		}
	}()
	return m, g, cancel, done
}

func main() {
	if len(os.Args) != 4 {
		fail("usage: saramalegacy BOOTSTRAP TOPIC GROUP")
	}
	bootstrap, topic, group := os.Args[1], os.Args[2], os.Args[3]
	report := map[string]any{}

	cfg := sarama.NewConfig()
	report["defaultVersion"] = cfg.Version.String()
	cfg.Producer.Return.Successes = true // a sync producer needs it
	client, err := sarama.NewClient([]string{bootstrap}, cfg)
	must(err, "client")
	producer, err := sarama.NewSyncProducerFromClient(client)
	must(err, "producer")
	var out []delivered
	for i := 0; i < 30; i++ {
		key, value := fmt.Sprintf("key-%d", i%6), fmt.Sprintf("value-%d", i)
		p, o, err := producer.SendMessage(&sarama.ProducerMessage{Topic: topic, Key: sarama.StringEncoder(key), Value: sarama.StringEncoder(value)})
		must(err, "send")
		out = append(out, delivered{value, key, p, o})
	}
	must(producer.Close(), "producer close")
	report["delivered"] = out

	consumer, err := sarama.NewConsumerFromClient(client)
	must(err, "consumer")
	partitions, err := client.Partitions(topic)
	must(err, "partitions")
	var read []consumed
	for _, p := range partitions {
		end, err := client.GetOffset(topic, p, sarama.OffsetNewest)
		must(err, "newest offset")
		if end == 0 {
			continue
		}
		pc, err := consumer.ConsumePartition(topic, p, sarama.OffsetOldest)
		must(err, "consume partition")
		for done := false; !done; {
			select {
			case msg := <-pc.Messages():
				read = append(read, consumed{"", string(msg.Key), string(msg.Value), msg.Partition, msg.Offset})
				done = msg.Offset >= end-1
			case e := <-pc.Errors():
				fail("partition %d: %v", p, e.Err)
			case <-time.After(30 * time.Second):
				fail("partition %d: timed out", p)
			}
		}
		pc.Close()
	}
	must(consumer.Close(), "consumer close")
	report["consumed"] = read

	var mu sync.Mutex
	var groupRead []consumed
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(groupRead) }
	a, ga, cancelA, doneA := join(bootstrap, group, topic, "a", &mu, &groupRead)
	until(func() bool { return count() == 30 }, "member a to read every message")
	_, claimsA := a.state()
	report["assignedAlone"] = claimsA
	b, gb, cancelB, doneB := join(bootstrap, group, topic, "b", &mu, &groupRead)
	until(func() bool {
		genA, ca := a.state()
		genB, cb := b.state()
		return genA == genB && len(ca) > 0 && len(cb) > 0 && len(ca)+len(cb) == len(partitions)
	}, "a and b to share the partitions in one generation")
	genA, ca := a.state()
	_, cb := b.state()
	report["generation"] = genA
	report["assignedTogether"] = map[string][]int32{"a": ca, "b": cb}
	cancelA()
	cancelB()
	<-doneA
	<-doneB
	must(ga.Close(), "member a close")
	must(gb.Close(), "member b close")
	report["groupConsumed"] = groupRead
	must(client.Close(), "client close")

	j, _ := json.Marshal(report)
	fmt.Println(string(j))
}
