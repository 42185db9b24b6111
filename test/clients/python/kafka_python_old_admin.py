"""kafka-python's admin client speaking an old broker's protocol (api_version fixed, no probe).

Usage: kafka_python_old_admin.py BOOTSTRAP TOPIC API_VERSION
Creates TOPIC (2 partitions), describes and alters its configs, adds a partition, deletes its
records up to offset 0, lists and describes groups, deletes an unknown group, asks for ACLs, and
deletes the topic. Prints one JSON report (test/clients/old-clients.test.ts).
"""
import sys

import kafka
from kafka.admin import ACLFilter, ACLOperation, ACLPermissionType, ConfigResource, ConfigResourceType, KafkaAdminClient, NewPartitions, NewTopic, ResourcePatternFilter, ResourceType
from kafka.admin.acl_resource import ACLResourcePatternType
from kafka.structs import TopicPartition

from common import report

bootstrap, topic, version_text = sys.argv[1], sys.argv[2], sys.argv[3]
api_version = tuple(int(x) for x in version_text.split('.'))
out = {'version': kafka.__version__, 'apiVersion': list(api_version)}


def outcome(call):
    try:
        return {'ok': call()}
    except Exception as e:  # the client's exception class names the broker's error
        return {'error': type(e).__name__}


admin = KafkaAdminClient(bootstrap_servers=bootstrap, api_version=api_version, client_id='old-admin', request_timeout_ms=10000)
out['create'] = outcome(lambda: str(admin.create_topics([NewTopic(topic, 2, 1)])))
out['createAgain'] = outcome(lambda: str(admin.create_topics([NewTopic(topic, 2, 1)])))
res = ConfigResource(ConfigResourceType.TOPIC, topic, configs={'retention.ms': '123456'})
out['alterConfigs'] = outcome(lambda: str(admin.alter_configs([res])))


def retention():
    r = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
    entries = r[0].resources[0][4]
    return [e[1] for e in entries if e[0] == 'retention.ms'][0]


out['retention'] = outcome(retention)
out['createPartitions'] = outcome(lambda: str(admin.create_partitions({topic: NewPartitions(3)})))
out['deleteRecords'] = outcome(lambda: sorted(str(k) for k in admin.delete_records({TopicPartition(topic, 0): 0})))
out['listGroups'] = outcome(lambda: admin.list_consumer_groups())
out['describeGroups'] = outcome(lambda: [g.state for g in admin.describe_consumer_groups(['no-such-group'])])


def error_name(e):
    return None if e is None else (e.__name__ if isinstance(e, type) else type(e).__name__)


out['deleteGroups'] = outcome(lambda: [[g, error_name(e)] for g, e in admin.delete_consumer_groups(['no-such-group'])])
acl_filter = ACLFilter(principal=None, host='*', operation=ACLOperation.ANY, permission_type=ACLPermissionType.ANY,
                       resource_pattern=ResourcePatternFilter(ResourceType.TOPIC, topic, ACLResourcePatternType.LITERAL))
out['describeAcls'] = outcome(lambda: str(admin.describe_acls(acl_filter)))
out['delete'] = outcome(lambda: str(admin.delete_topics([topic])))
admin.close()
report(out)
