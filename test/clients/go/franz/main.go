// franz-go (kgo + kadm) against the engine: admin, a keyed produce with headers, a two-member
// group that rebalances and commits. Prints one JSON report (test/clients/go-franz.test.ts).
//
// Usage: franz BOOTSTRAP TOPIC COMPRESSION
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

type delivered struct {
	Value     string  `json:"value"`
	Key       string  `json:"key"`
	Partition int32   `json:"partition"`
	Offset    int64   `json:"offset"`
	Error     *string `json:"error"`
}

type consumed struct {
	Member    string      `json:"member"`
	Key       string      `json:"key"`
	Value     string      `json:"value"`
	Partition int32       `json:"partition"`
	Offset    int64       `json:"offset"`
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

func until(cond func() bool, what string, step func()) {
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			fail("timed out waiting for %s", what)
		}
		step()
	}
}

func main() {
	bootstrap, topic, compression := os.Args[1], os.Args[2], os.Args[3]
	group := topic + "-group"
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out := map[string]any{}

	adminClient, err := kgo.NewClient(kgo.SeedBrokers(bootstrap))
	must(err, "admin client")
	adm := kadm.NewClient(adminClient)
	created, err := adm.CreateTopics(ctx, 2, 1, map[string]*string{"retention.ms": kadm.StringPtr("3600000")}, topic)
	must(err, "create topics")
	must(created[topic].Err, "create topic")
	dup, err := adm.CreateTopics(ctx, 2, 1, nil, topic)
	must(err, "create topics again")
	out["duplicate"] = fmt.Sprint(dup[topic].Err)
	cp, err := adm.CreatePartitions(ctx, 1, topic)
	must(err, "create partitions")
	must(cp[topic].Err, "create partitions result")
	details, err := adm.ListTopics(ctx, topic)
	must(err, "list topics")
	var parts []int32
	for p := range details[topic].Partitions {
		parts = append(parts, p)
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i] < parts[j] })
	out["partitions"] = parts
	out["topicId"] = details[topic].ID.String()
	_, err = adm.AlterTopicConfigs(ctx, []kadm.AlterConfig{{Op: kadm.SetConfig, Name: "cleanup.policy", Value: kadm.StringPtr("compact,delete")}}, topic)
	must(err, "alter configs")
	rcs, err := adm.DescribeTopicConfigs(ctx, topic)
	must(err, "describe configs")
	rc, err := rcs.On(topic, nil)
	must(err, "describe configs result")
	for _, c := range rc.Configs {
		switch c.Key {
		case "retention.ms", "cleanup.policy":
			out[c.Key] = []string{c.MaybeValue(), c.Source.String()}
		}
	}

	// Produce: franz-go's default partitioner hashes keys with murmur2 like Java; idempotent, acks=all.
	var codec kgo.CompressionCodec
	switch compression {
	case "zstd":
		codec = kgo.ZstdCompression()
	case "gzip":
		codec = kgo.GzipCompression()
	case "snappy":
		codec = kgo.SnappyCompression()
	case "lz4":
		codec = kgo.Lz4Compression()
	default:
		codec = kgo.NoCompression()
	}
	producer, err := kgo.NewClient(kgo.SeedBrokers(bootstrap), kgo.ProducerBatchCompression(codec), kgo.RequiredAcks(kgo.AllISRAcks()), kgo.ProducerLinger(20*time.Millisecond))
	must(err, "producer")
	var mu sync.Mutex
	var dels []delivered
	var wg sync.WaitGroup
	for i := 0; i < 30; i++ {
		wg.Add(1)
		r := &kgo.Record{Topic: topic, Key: []byte(fmt.Sprintf("key-%d", i%6)), Value: []byte(fmt.Sprintf("value-%d", i)),
			Headers: []kgo.RecordHeader{{Key: "n", Value: []byte(fmt.Sprint(i))}}}
		producer.Produce(ctx, r, func(r *kgo.Record, err error) {
			defer wg.Done()
			d := delivered{Value: string(r.Value), Key: string(r.Key), Partition: r.Partition, Offset: r.Offset}
			if err != nil {
				s := err.Error()
				d.Error = &s
			}
			mu.Lock()
			dels = append(dels, d)
			mu.Unlock()
		})
	}
	wg.Wait()
	producer.Close()
	out["delivered"] = dels

	// Two members of one group (range assignor), manual commits after each poll.
	assigned := map[string][]int32{}
	var amu sync.Mutex
	setAssigned := func(name string, m map[string][]int32, add bool) {
		amu.Lock()
		defer amu.Unlock()
		cur := map[int32]bool{}
		for _, p := range assigned[name] {
			cur[p] = true
		}
		for _, p := range m[topic] {
			cur[p] = add
		}
		var ps []int32
		for p, on := range cur {
			if on {
				ps = append(ps, p)
			}
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i] < ps[j] })
		assigned[name] = ps
	}
	get := func(name string) []int32 {
		amu.Lock()
		defer amu.Unlock()
		return append([]int32(nil), assigned[name]...)
	}
	type member struct {
		name string
		cl   *kgo.Client
	}
	var members []member
	newMember := func(name string) {
		cl, err := kgo.NewClient(kgo.SeedBrokers(bootstrap), kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic),
			kgo.Balancers(kgo.RangeBalancer()), kgo.DisableAutoCommit(), kgo.ClientID("franz-"+name),
			kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.SessionTimeout(10*time.Second), kgo.HeartbeatInterval(500*time.Millisecond),
			kgo.OnPartitionsAssigned(func(_ context.Context, _ *kgo.Client, m map[string][]int32) { setAssigned(name, m, true) }),
			kgo.OnPartitionsRevoked(func(_ context.Context, _ *kgo.Client, m map[string][]int32) { setAssigned(name, m, false) }),
			kgo.OnPartitionsLost(func(_ context.Context, _ *kgo.Client, m map[string][]int32) { setAssigned(name, m, false) }),
			kgo.BlockRebalanceOnPoll())
		must(err, "consumer "+name)
		members = append(members, member{name, cl})
	}
	var cons []consumed
	pollAll := func() {
		for _, m := range members {
			pctx, pcancel := context.WithTimeout(ctx, 100*time.Millisecond)
			fs := m.cl.PollFetches(pctx)
			pcancel()
			fs.EachRecord(func(r *kgo.Record) {
				var hs [][2]string
				for _, h := range r.Headers {
					hs = append(hs, [2]string{h.Key, string(h.Value)})
				}
				cons = append(cons, consumed{m.name, string(r.Key), string(r.Value), r.Partition, r.Offset, hs})
			})
			if fs.NumRecords() > 0 {
				must(m.cl.CommitUncommittedOffsets(ctx), "commit")
			}
			m.cl.AllowRebalance()
		}
	}
	newMember("a")
	until(func() bool { return len(get("a")) == 3 }, "the first member to get all partitions", pollAll)
	out["assignedAlone"] = get("a")
	newMember("b")
	until(func() bool { a, b := get("a"), get("b"); return len(a) > 0 && len(b) > 0 && len(a)+len(b) == 3 }, "a rebalance over both members", pollAll)
	out["assignedTogether"] = map[string][]int32{"a": get("a"), "b": get("b")}
	until(func() bool { return len(cons) >= 30 }, "all 30 records", pollAll)
	out["consumed"] = cons

	groups, err := adm.DescribeGroups(ctx, group)
	must(err, "describe groups")
	out["groupState"] = groups[group].State
	out["groupMembers"] = len(groups[group].Members)
	offsets, err := adm.FetchOffsets(ctx, group)
	must(err, "fetch offsets")
	var committed [][2]int64
	offsets.Each(func(o kadm.OffsetResponse) { committed = append(committed, [2]int64{int64(o.Partition), o.At}) })
	sort.Slice(committed, func(i, j int) bool { return committed[i][0] < committed[j][0] })
	out["committed"] = committed
	ends, err := adm.ListEndOffsets(ctx, topic)
	must(err, "list end offsets")
	var endOffsets [][2]int64
	ends.Each(func(o kadm.ListedOffset) { endOffsets = append(endOffsets, [2]int64{int64(o.Partition), o.Offset}) })
	sort.Slice(endOffsets, func(i, j int) bool { return endOffsets[i][0] < endOffsets[j][0] })
	out["endOffsets"] = endOffsets
	for _, m := range members {
		m.cl.Close()
	}
	// After both left, the group is empty and can be deleted.
	del, err := adm.DeleteGroups(ctx, group)
	must(err, "delete groups")
	out["groupDeleted"] = fmt.Sprint(del[group].Err)
	adminClient.Close()
	must(json.NewEncoder(os.Stdout).Encode(out), "report")
}
