#!/usr/bin/python3
"""Drives StreamBus with confluent-kafka-python (librdkafka underneath), from Debian's packages.

Usage: confluent-kafka-scenarios.py BOOTSTRAP admin TOPIC
       confluent-kafka-scenarios.py BOOTSTRAP produce-consume TOPIC GROUP COUNT
       confluent-kafka-scenarios.py BOOTSTRAP transactions TOPIC GROUP TRANSACTIONAL_ID

Prints one JSON line with what it saw and exits 0, or prints the failure to stderr and exits 1.
"""
import json
import sys
import time
import traceback

import confluent_kafka
from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic

TIMEOUT = 30


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def wait_all(futures):
    return {key: future.result(timeout=TIMEOUT) for key, future in futures.items()}


def topic_configs(admin, topic):
    resource = ConfigResource(ConfigResource.Type.TOPIC, topic)
    entries = admin.describe_configs([resource])[resource].result(timeout=TIMEOUT)
    return {name: entry for name, entry in entries.items()}


def admin_scenario(bootstrap, topic):
    admin = AdminClient({'bootstrap.servers': bootstrap})
    check(admin.list_topics(timeout=TIMEOUT).brokers, 'no brokers in metadata')

    wait_all(admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1,
                                           config={'retention.ms': '3600000'})]))
    duplicate = admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])[topic]
    try:
        duplicate.result(timeout=TIMEOUT)
        raise AssertionError('creating an existing topic succeeded')
    except KafkaException as e:
        check(e.args[0].code() == KafkaError.TOPIC_ALREADY_EXISTS, 'duplicate create: %s' % e)

    described = admin.list_topics(topic=topic, timeout=TIMEOUT).topics[topic]
    check(described.error is None and len(described.partitions) == 2, 'describe: %s' % described)

    retention = topic_configs(admin, topic)['retention.ms']
    check(retention.value == '3600000', 'retention.ms is %s' % retention.value)
    check(retention.source == 1, 'retention.ms source %s, expected DYNAMIC_TOPIC_CONFIG' % retention.source)

    # AlterConfigs (the non-incremental API librdkafka 2.0 uses) replaces the topic's whole config set.
    altered = ConfigResource(ConfigResource.Type.TOPIC, topic, set_config={'cleanup.policy': 'compact'})
    wait_all(admin.alter_configs([altered]))
    after = topic_configs(admin, topic)
    check(after['cleanup.policy'].value == 'compact', 'cleanup.policy is %s' % after['cleanup.policy'].value)
    check(after['retention.ms'].source != 1, 'AlterConfigs kept retention.ms, it should replace the set')

    invalid = ConfigResource(ConfigResource.Type.TOPIC, topic, set_config={'retention.ms': 'soon'})
    try:
        wait_all(admin.alter_configs([invalid]))
        raise AssertionError('an invalid config value was accepted')
    except KafkaException as e:
        check(e.args[0].code() == KafkaError.INVALID_CONFIG, 'invalid value: %s' % e)

    wait_all(admin.create_partitions([NewPartitions(topic, 4)]))
    check(len(admin.list_topics(topic=topic, timeout=TIMEOUT).topics[topic].partitions) == 4, 'partitions not 4')

    wait_all(admin.delete_topics([topic], operation_timeout=TIMEOUT))
    deadline = time.time() + TIMEOUT
    while topic in admin.list_topics(timeout=TIMEOUT).topics:
        check(time.time() < deadline, 'topic still listed after delete')
        time.sleep(0.1)
    return {'scenario': 'admin', 'partitions': 4, 'deleted': True}


def produce(bootstrap, topic, count, extra=None):
    config = {'bootstrap.servers': bootstrap, 'enable.idempotence': True, 'acks': 'all',
              'compression.type': 'zstd', 'linger.ms': 5}
    config.update(extra or {})
    producer = Producer(config)
    delivered, failures = [], []

    def on_delivery(error, message):
        if error is not None:
            failures.append(error)
        else:
            delivered.append((message.partition(), message.offset()))

    for i in range(count):
        producer.produce(topic, key='key-%d' % i, value='value-%d' % i, headers={'origin': b'python'},
                         on_delivery=on_delivery)
        producer.poll(0)
    check(producer.flush(TIMEOUT) == 0, 'records still queued after flush')
    check(not failures, 'delivery failures: %s' % failures[:3])
    return producer, delivered


def consume(bootstrap, topic, group, expected, extra=None):
    config = {'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'earliest',
              'enable.auto.commit': False}
    config.update(extra or {})
    consumer = Consumer(config)
    consumer.subscribe([topic])
    seen = {}
    deadline = time.time() + TIMEOUT
    while len(seen) < expected and time.time() < deadline:
        message = consumer.poll(0.5)
        if message is None:
            continue
        check(message.error() is None, 'consume error: %s' % message.error())
        key = message.key().decode()
        check(key not in seen, 'duplicate %s' % key)
        check(dict(message.headers() or [])['origin'] == b'python', 'header lost on %s' % key)
        seen[key] = message.value().decode()
    check(len(seen) == expected, 'consumed %d of %d' % (len(seen), expected))
    return consumer, seen


def produce_consume_scenario(bootstrap, topic, group, count):
    admin = AdminClient({'bootstrap.servers': bootstrap})
    wait_all(admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=1)]))
    _, delivered = produce(bootstrap, topic, count)
    ends = {}
    for partition, offset in delivered:
        ends[partition] = max(ends.get(partition, -1), offset + 1)
    for partition, end in ends.items():
        offsets = sorted(o for p, o in delivered if p == partition)
        check(offsets == list(range(end)), 'partition %d offsets not contiguous' % partition)

    consumer, seen = consume(bootstrap, topic, group, count)
    for key, value in seen.items():
        check(value == 'value-' + key[len('key-'):], 'wrong value for %s' % key)
    consumer.commit(asynchronous=False)
    committed = consumer.committed([TopicPartition(topic, p) for p in ends], timeout=TIMEOUT)
    check({tp.partition: tp.offset for tp in committed} == ends, 'committed %s, ends %s' % (committed, ends))
    consumer.close()
    return {'scenario': 'produce-consume', 'produced': len(delivered), 'consumed': len(seen),
            'committed': sum(ends.values())}


def transactions_scenario(bootstrap, topic, group, transactional_id):
    admin = AdminClient({'bootstrap.servers': bootstrap})
    wait_all(admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)]))
    producer = Producer({'bootstrap.servers': bootstrap, 'transactional.id': transactional_id})
    producer.init_transactions(TIMEOUT)

    def transaction(first, count, commit, offsets_consumer=None):
        producer.begin_transaction()
        for i in range(first, first + count):
            producer.produce(topic, key='key-%d' % i, value='value-%d' % i, headers={'origin': b'python'})
        if offsets_consumer is not None:
            producer.send_offsets_to_transaction([TopicPartition(topic, 0, 7)],
                                                 offsets_consumer.consumer_group_metadata(), TIMEOUT)
        if commit:
            producer.commit_transaction(TIMEOUT)
        else:
            # librdkafka purges records it has not sent yet on abort: flush so the broker sees them aborted.
            check(producer.flush(TIMEOUT) == 0, 'records still queued before abort')
            producer.abort_transaction(TIMEOUT)

    transaction(0, 10, commit=True)
    transaction(10, 5, commit=False)
    group_member = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'enable.auto.commit': False})
    transaction(15, 3, commit=True, offsets_consumer=group_member)
    group_member.close()

    committed_reader, committed_seen = consume(bootstrap, topic, group + '-committed', 13,
                                               {'isolation.level': 'read_committed'})
    check(not any('key-%d' % i in committed_seen for i in range(10, 15)), 'aborted records visible')
    committed_reader.close()
    uncommitted_reader, uncommitted_seen = consume(bootstrap, topic, group + '-uncommitted', 15 + 3,
                                                   {'isolation.level': 'read_uncommitted'})
    uncommitted_reader.close()

    offsets_reader = Consumer({'bootstrap.servers': bootstrap, 'group.id': group})
    offset = offsets_reader.committed([TopicPartition(topic, 0)], timeout=TIMEOUT)[0].offset
    offsets_reader.close()
    check(offset == 7, 'transactional group offset %d, expected 7' % offset)
    return {'scenario': 'transactions', 'read_committed': len(committed_seen),
            'read_uncommitted': len(uncommitted_seen), 'group_offset': offset}


def main(argv):
    bootstrap, scenario, args = argv[1], argv[2], argv[3:]
    if scenario == 'admin':
        result = admin_scenario(bootstrap, *args)
    elif scenario == 'produce-consume':
        result = produce_consume_scenario(bootstrap, args[0], args[1], int(args[2]))
    elif scenario == 'transactions':
        result = transactions_scenario(bootstrap, *args)
    else:
        raise SystemExit('unknown scenario ' + scenario)
    result['client'] = 'confluent-kafka-python %s librdkafka %s' % (confluent_kafka.version()[0],
                                                                     confluent_kafka.libversion()[0])
    print(json.dumps(result, sort_keys=True))


if __name__ == '__main__':
    try:
        main(sys.argv)
    except Exception:  # noqa: BLE001 -- any failure is the test's failure, reported on stderr
        traceback.print_exc()
        sys.exit(1)
