// segmentio/kafka-go against the engine: topic creation, a keyed zstd produce with headers
// (murmur2 balancer), two group readers committing, committed and end offsets read back.
// Prints one JSON report (test/clients/go-kafka-go.test.ts).
//
// Usage: kafkago BOOTSTRAP TOPIC
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/compress"
)

type delivered struct {
	Value     string `json:"value"`
	Key       string `json:"key"`
	Partition int    `json:"partition"`
	Offset    int64  `json:"offset"`
}

type consumed struct {
	Member    string      `json:"member"`
	Key       string      `json:"key"`
	Value     string      `json:"value"`
	Partition int         `json:"partition"`
	Offset    int64       `json:"offset"`
	Headers   [][2]string `json:"headers"`
}

func must(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
		os.Exit(1)
	}
}

func main() {
	bootstrap, topic := os.Args[1], os.Args[2]
	group := topic + "-group"
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out := map[string]any{}
	client := &kafka.Client{Addr: kafka.TCP(bootstrap), Timeout: 10 * time.Second}

	created, err := client.CreateTopics(ctx, &kafka.CreateTopicsRequest{Topics: []kafka.TopicConfig{{
		Topic: topic, NumPartitions: 3, ReplicationFactor: 1,
		ConfigEntries: []kafka.ConfigEntry{{ConfigName: "retention.ms", ConfigValue: "3600000"}},
	}}})
	must(err, "create topics")
	must(created.Errors[topic], "create topic")
	md, err := client.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
	must(err, "metadata")
	out["partitions"] = len(md.Topics[0].Partitions)

	// Produce: the murmur2 balancer (Java's partitioner), zstd, acks=all, one record at a time
	// so each gets its offset back.
	var mu sync.Mutex
	var dels []delivered
	w := &kafka.Writer{Addr: kafka.TCP(bootstrap), Topic: topic, Balancer: kafka.Murmur2Balancer{}, Compression: compress.Zstd,
		RequiredAcks: kafka.RequireAll, BatchTimeout: 10 * time.Millisecond, BatchSize: 1,
		Completion: func(messages []kafka.Message, err error) {
			must(err, "produce")
			mu.Lock()
			defer mu.Unlock()
			for _, m := range messages {
				dels = append(dels, delivered{string(m.Value), string(m.Key), m.Partition, m.Offset})
			}
		}}
	var msgs []kafka.Message
	for i := 0; i < 30; i++ {
		msgs = append(msgs, kafka.Message{Key: []byte(fmt.Sprintf("key-%d", i%6)), Value: []byte(fmt.Sprintf("value-%d", i)),
			Headers: []kafka.Header{{Key: "n", Value: []byte(strconv.Itoa(i))}}})
	}
	must(w.WriteMessages(ctx, msgs...), "write messages")
	must(w.Close(), "writer close")
	out["delivered"] = dels

	// Two readers of one group (the second joins while the first reads: a rebalance); each
	// message committed synchronously. Records redelivered around the rebalance are kept once.
	seen := map[string]consumed{}
	var smu sync.Mutex
	read := func(name string, r *kafka.Reader, stop <-chan struct{}) {
		for {
			m, err := r.FetchMessage(ctx)
			if err != nil {
				return
			}
			var hs [][2]string
			for _, h := range m.Headers {
				hs = append(hs, [2]string{h.Key, string(h.Value)})
			}
			smu.Lock()
			if _, dup := seen[string(m.Value)]; !dup {
				seen[string(m.Value)] = consumed{name, string(m.Key), string(m.Value), m.Partition, m.Offset, hs}
			}
			smu.Unlock()
			_ = r.CommitMessages(ctx, m)
			select {
			case <-stop:
				return
			default:
			}
		}
	}
	reader := func(name string) *kafka.Reader {
		return kafka.NewReader(kafka.ReaderConfig{Brokers: []string{bootstrap}, GroupID: group, Topic: topic, StartOffset: kafka.FirstOffset,
			MaxWait: 100 * time.Millisecond, HeartbeatInterval: 500 * time.Millisecond, SessionTimeout: 10 * time.Second,
			RebalanceTimeout: 5 * time.Second, JoinGroupBackoff: 100 * time.Millisecond, Dialer: &kafka.Dialer{ClientID: "kafka-go-" + name, Timeout: 5 * time.Second}})
	}
	stop := make(chan struct{})
	ra, rb := reader("a"), reader("b")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); read("a", ra, stop) }()
	deadline := time.Now().Add(30 * time.Second)
	count := func() int { smu.Lock(); defer smu.Unlock(); return len(seen) }
	for count() == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	wg.Add(1)
	go func() { defer wg.Done(); read("b", rb, stop) }()
	for count() < 30 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	smu.Lock()
	var cons []consumed
	members := map[string]bool{}
	for _, c := range seen {
		cons = append(cons, c)
		members[c.Member] = true
	}
	smu.Unlock()
	sort.Slice(cons, func(i, j int) bool { return cons[i].Partition < cons[j].Partition || cons[i].Partition == cons[j].Partition && cons[i].Offset < cons[j].Offset })
	out["consumed"] = cons

	// The second reader's join rebalances the group; wait for it to settle with both members.
	for {
		groups, err := client.DescribeGroups(ctx, &kafka.DescribeGroupsRequest{GroupIDs: []string{group}})
		must(err, "describe groups")
		out["groupState"] = groups.Groups[0].GroupState
		out["groupMembers"] = len(groups.Groups[0].Members)
		if groups.Groups[0].GroupState == "Stable" && len(groups.Groups[0].Members) == 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	close(stop)
	must(ra.Close(), "reader a close")
	must(rb.Close(), "reader b close")
	wg.Wait()

	committed, err := client.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: group, Topics: map[string][]int{topic: {0, 1, 2}}})
	must(err, "offset fetch")
	var cs [][2]int64
	for _, p := range committed.Topics[topic] {
		cs = append(cs, [2]int64{int64(p.Partition), p.CommittedOffset})
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i][0] < cs[j][0] })
	out["committed"] = cs
	ends, err := client.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: map[string][]kafka.OffsetRequest{topic: {kafka.LastOffsetOf(0), kafka.LastOffsetOf(1), kafka.LastOffsetOf(2)}}})
	must(err, "list offsets")
	var es [][2]int64
	for _, p := range ends.Topics[topic] {
		es = append(es, [2]int64{int64(p.Partition), p.LastOffset})
	}
	sort.Slice(es, func(i, j int) bool { return es[i][0] < es[j][0] })
	out["endOffsets"] = es
	must(json.NewEncoder(os.Stdout).Encode(out), "report")
}
