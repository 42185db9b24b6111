// A lag checker that reads a cluster as LinkedIn's Burrow does (its kafka consumer and cluster
// modules), written from Burrow's documented behaviour: with Sarama 1.25 (the release Burrow 1.3
// pinned) at an old protocol version, it consumes every partition of __consumer_offsets from the
// oldest offset up to the end it saw at the start (Burrow's backfill), decodes the records itself
// and computes each committed partition's lag from ListOffsets (client.GetOffset). Prints one JSON
// report (test/clients/burrow.test.ts).
//
// Usage: burrowlike BOOTSTRAP KAFKA_VERSION
//
// Decoded as Burrow decodes them:
//   key v0/v1 (offset commit): group, topic (string), partition (int32); value v0/v1: offset,
//     metadata, timestamp (v1's expire timestamp ignored); v3: offset, leader epoch, metadata,
//     timestamp; v4 (flexible, read by Burrow 1.9.5 on; 1.9.4 and older skip it with a warning):
//     as v3 with a compact metadata string. A tombstone is ignored.
//   key v2 (group metadata): group; value v0-3: protocol type, generation, protocol, leader,
//     current state timestamp (v2+), members [member id, group instance id (v3), client id,
//     client host, rebalance timeout (v1+), session timeout, subscription, assignment (the
//     consumer protocol's: topics -> partitions)]. A tombstone deletes the group.
//   Any other version is reported as undecoded (Burrow logs "failed to decode" and drops it).
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/Shopify/sarama"
)

const offsetsTopic = "__consumer_offsets"

type offsetEntry struct {
	Group        string `json:"group"`
	Topic        string `json:"topic"`
	Partition    int32  `json:"partition"`
	Offset       int64  `json:"offset"`
	Timestamp    int64  `json:"timestamp"`
	ValueVersion int16  `json:"valueVersion"`
	LogEnd       int64  `json:"logEnd"`
	Lag          int64  `json:"lag"`
}

type member struct {
	MemberID   string             `json:"memberId"`
	ClientID   string             `json:"clientId"`
	ClientHost string             `json:"clientHost"`
	Assignment map[string][]int32 `json:"assignment"`
}

type groupEntry struct {
	Group        string   `json:"group"`
	ValueVersion int16    `json:"valueVersion"`
	ProtocolType string   `json:"protocolType"`
	Generation   int32    `json:"generation"`
	Protocol     string   `json:"protocol"`
	Leader       string   `json:"leader"`
	Members      []member `json:"members"`
}

type undecoded struct {
	KeyVersion   int16  `json:"keyVersion"`
	ValueVersion int16  `json:"valueVersion"`
	Reason       string `json:"reason"`
}

type report struct {
	Version    string        `json:"version"`
	Partitions int           `json:"partitions"`
	Records    int           `json:"records"`
	Offsets    []offsetEntry `json:"offsets"`
	Groups     []groupEntry  `json:"groups"`
	Undecoded  []undecoded   `json:"undecoded"`
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

var errUnderflow = errors.New("underflow")

// readString: an int16 length (-1 for null, read as "") and the bytes.
func readString(b *bytes.Buffer) (string, error) {
	var n int16
	if err := binary.Read(b, binary.BigEndian, &n); err != nil {
		return "", err
	}
	if n <= 0 {
		return "", nil
	}
	s := b.Next(int(n))
	if len(s) != int(n) {
		return "", errUnderflow
	}
	return string(s), nil
}

// readCompactString: an unsigned varint length + 1 (0 for null) and the bytes.
func readCompactString(b *bytes.Buffer) (string, error) {
	n, err := binary.ReadUvarint(b)
	if err != nil {
		return "", err
	}
	if n <= 1 {
		return "", nil
	}
	s := b.Next(int(n - 1))
	if len(s) != int(n-1) {
		return "", errUnderflow
	}
	return string(s), nil
}

func read(b *bytes.Buffer, v any) error { return binary.Read(b, binary.BigEndian, v) }

type checker struct {
	offsets   map[string]*offsetEntry
	groups    map[string]*groupEntry
	undecoded []undecoded
}

func (c *checker) message(key, value []byte) {
	kb := bytes.NewBuffer(key)
	var keyVersion int16
	if err := read(kb, &keyVersion); err != nil {
		c.undecoded = append(c.undecoded, undecoded{-1, -1, "no key version"})
		return
	}
	switch keyVersion {
	case 0, 1:
		c.offsetCommit(keyVersion, kb, value)
	case 2:
		c.groupMetadata(kb, value)
	default:
		c.undecoded = append(c.undecoded, undecoded{keyVersion, -1, "key version"})
	}
}

func (c *checker) offsetCommit(keyVersion int16, kb *bytes.Buffer, value []byte) {
	e := offsetEntry{}
	var err error
	if e.Group, err = readString(kb); err == nil {
		if e.Topic, err = readString(kb); err == nil {
			err = read(kb, &e.Partition)
		}
	}
	if err != nil {
		c.undecoded = append(c.undecoded, undecoded{keyVersion, -1, "offset key"})
		return
	}
	if len(value) == 0 {
		return // a tombstone: Burrow ignores them
	}
	vb := bytes.NewBuffer(value)
	if err := read(vb, &e.ValueVersion); err != nil {
		c.undecoded = append(c.undecoded, undecoded{keyVersion, -1, "no value version"})
		return
	}
	switch e.ValueVersion {
	case 0, 1:
		if err = read(vb, &e.Offset); err == nil {
			if _, err = readString(vb); err == nil {
				err = read(vb, &e.Timestamp)
			}
		}
	case 3, 4:
		var leaderEpoch int32
		if err = read(vb, &e.Offset); err == nil {
			if err = read(vb, &leaderEpoch); err == nil {
				if e.ValueVersion == 3 {
					_, err = readString(vb)
				} else {
					_, err = readCompactString(vb)
				}
				if err == nil {
					err = read(vb, &e.Timestamp)
				}
			}
		}
	default:
		c.undecoded = append(c.undecoded, undecoded{keyVersion, e.ValueVersion, "value version"})
		return
	}
	if err != nil {
		c.undecoded = append(c.undecoded, undecoded{keyVersion, e.ValueVersion, "offset value"})
		return
	}
	c.offsets[fmt.Sprintf("%s\x00%s\x00%d", e.Group, e.Topic, e.Partition)] = &e
}

func (c *checker) groupMetadata(kb *bytes.Buffer, value []byte) {
	group, err := readString(kb)
	if err != nil {
		c.undecoded = append(c.undecoded, undecoded{2, -1, "group key"})
		return
	}
	if len(value) == 0 {
		delete(c.groups, group) // a tombstone: the group was deleted
		return
	}
	vb := bytes.NewBuffer(value)
	g := groupEntry{Group: group, Members: []member{}}
	if err := read(vb, &g.ValueVersion); err != nil || g.ValueVersion < 0 || g.ValueVersion > 3 {
		c.undecoded = append(c.undecoded, undecoded{2, g.ValueVersion, "value version"})
		return
	}
	if err := c.groupValue(vb, &g); err != "" {
		c.undecoded = append(c.undecoded, undecoded{2, g.ValueVersion, err})
		return
	}
	c.groups[group] = &g
}

func (c *checker) groupValue(b *bytes.Buffer, g *groupEntry) string {
	var err error
	if g.ProtocolType, err = readString(b); err != nil {
		return "protocol_type"
	}
	if read(b, &g.Generation) != nil {
		return "generation"
	}
	if g.Protocol, err = readString(b); err != nil {
		return "protocol"
	}
	if g.Leader, err = readString(b); err != nil {
		return "leader"
	}
	if g.ValueVersion >= 2 {
		var ts int64
		if read(b, &ts) != nil {
			return "current_state_timestamp"
		}
	}
	if g.ProtocolType != "consumer" {
		return "" // Burrow skips the members of other protocol types
	}
	var count int32
	if read(b, &count) != nil {
		return "member count"
	}
	for i := 0; i < int(count); i++ {
		m := member{Assignment: map[string][]int32{}}
		if m.MemberID, err = readString(b); err != nil {
			return "member_id"
		}
		if g.ValueVersion == 3 {
			if _, err = readString(b); err != nil {
				return "group_instance_id"
			}
		}
		if m.ClientID, err = readString(b); err != nil {
			return "client_id"
		}
		if m.ClientHost, err = readString(b); err != nil {
			return "client_host"
		}
		var timeout, size int32
		if g.ValueVersion >= 1 && read(b, &timeout) != nil {
			return "rebalance_timeout"
		}
		if read(b, &timeout) != nil {
			return "session_timeout"
		}
		if read(b, &size) != nil {
			return "subscription_bytes"
		}
		b.Next(int(max(size, 0)))
		if read(b, &size) != nil {
			return "assignment_bytes"
		}
		if size > 0 {
			if why := assignment(bytes.NewBuffer(b.Next(int(size))), m.Assignment); why != "" {
				return why
			}
		}
		g.Members = append(g.Members, m)
	}
	return ""
}

// assignment: the consumer protocol's assignment, version then [topic, [partition]] (what
// follows, user data and later versions' fields, is not needed).
func assignment(b *bytes.Buffer, out map[string][]int32) string {
	var version int16
	var topics int32
	if read(b, &version) != nil || version < 0 {
		return "consumer_protocol_version"
	}
	if read(b, &topics) != nil {
		return "assignment_topic_count"
	}
	for i := 0; i < int(topics); i++ {
		topic, err := readString(b)
		if err != nil {
			return "topic_name"
		}
		var n int32
		if read(b, &n) != nil {
			return "assignment_partition_count"
		}
		ps := make([]int32, n)
		for j := range ps {
			if read(b, &ps[j]) != nil {
				return "assignment_partition_id"
			}
		}
		out[topic] = ps
	}
	return ""
}

func main() {
	if len(os.Args) != 3 {
		fail("usage: burrowlike BOOTSTRAP KAFKA_VERSION")
	}
	version, err := sarama.ParseKafkaVersion(os.Args[2])
	must(err, "version")
	cfg := sarama.NewConfig()
	cfg.ClientID = "burrow-lagchecker"
	cfg.Version = version
	cfg.Consumer.Return.Errors = true
	client, err := sarama.NewClient([]string{os.Args[1]}, cfg)
	must(err, "client")
	defer client.Close()
	consumer, err := sarama.NewConsumerFromClient(client)
	must(err, "consumer")
	defer consumer.Close()
	partitions, err := client.Partitions(offsetsTopic)
	must(err, "partitions of "+offsetsTopic)

	c := &checker{offsets: map[string]*offsetEntry{}, groups: map[string]*groupEntry{}}
	records := 0
	deadline := time.After(60 * time.Second)
	// Burrow's backfill: each partition from its oldest offset up to the last one present when
	// it started (the ListOffsets "newest" minus one); an empty partition is not consumed.
	for _, p := range partitions {
		oldest, err := client.GetOffset(offsetsTopic, p, sarama.OffsetOldest)
		must(err, "oldest offset")
		newest, err := client.GetOffset(offsetsTopic, p, sarama.OffsetNewest)
		must(err, "newest offset")
		if newest <= oldest {
			continue
		}
		pc, err := consumer.ConsumePartition(offsetsTopic, p, sarama.OffsetOldest)
		must(err, "consume partition")
		for done := false; !done; {
			select {
			case msg := <-pc.Messages():
				records++
				c.message(msg.Key, msg.Value)
				done = msg.Offset >= newest-1
			case e := <-pc.Errors():
				fail("partition %d: %v", p, e.Err)
			case <-deadline:
				fail("timed out reading %s partition %d (oldest %d, newest %d)", offsetsTopic, p, oldest, newest)
			}
		}
		pc.Close()
	}

	// Burrow's cluster module: each partition's log end offset; the lag is what is left to read.
	r := report{Version: os.Args[2], Partitions: len(partitions), Records: records, Offsets: []offsetEntry{}, Groups: []groupEntry{}, Undecoded: c.undecoded}
	if r.Undecoded == nil {
		r.Undecoded = []undecoded{}
	}
	for _, e := range c.offsets {
		e.LogEnd, err = client.GetOffset(e.Topic, e.Partition, sarama.OffsetNewest)
		must(err, "log end offset")
		e.Lag = max(e.LogEnd-e.Offset, 0)
		r.Offsets = append(r.Offsets, *e)
	}
	sort.Slice(r.Offsets, func(i, j int) bool {
		a, b := r.Offsets[i], r.Offsets[j]
		if a.Group != b.Group {
			return a.Group < b.Group
		}
		if a.Topic != b.Topic {
			return a.Topic < b.Topic
		}
		return a.Partition < b.Partition
	})
	for _, g := range c.groups {
		r.Groups = append(r.Groups, *g)
	}
	sort.Slice(r.Groups, func(i, j int) bool { return r.Groups[i].Group < r.Groups[j].Group })
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
}
