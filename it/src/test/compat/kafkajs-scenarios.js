// Drives StreamBus with kafkajs: the admin and transaction scenarios of the client matrix
// (kafkajs-roundtrip.js has produce and group consume).
// Usage: node kafkajs-scenarios.js BOOTSTRAP admin TOPIC
//        node kafkajs-scenarios.js BOOTSTRAP transactions TOPIC GROUP TRANSACTIONAL_ID
// Prints one JSON line with what it saw; exits non-zero on any error.
const { Kafka, logLevel, ConfigResourceTypes } = require('kafkajs');

const check = (condition, message) => { if (!condition) throw new Error(message); };

async function topicConfig(admin, topic, name) {
  const described = await admin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [name] }], includeSynonyms: false });
  return described.resources[0].configEntries.find((entry) => entry.configName === name);
}

async function adminScenario(kafka, topic) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    check(cluster.brokers.length === 1 && cluster.controller !== null, `cluster: ${JSON.stringify(cluster)}`);

    check(await admin.createTopics({ topics: [{ topic, numPartitions: 2,
      configEntries: [{ name: 'retention.ms', value: '3600000' }] }], waitForLeaders: true }), 'not created');
    check(!(await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] })), 'duplicate create reported new');
    check((await admin.listTopics()).includes(topic), 'topic not listed');

    const retention = await topicConfig(admin, topic, 'retention.ms');
    check(retention.configValue === '3600000' && !retention.isDefault, `retention.ms: ${JSON.stringify(retention)}`);

    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic,
      configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] });
    check((await topicConfig(admin, topic, 'cleanup.policy')).configValue === 'compact', 'cleanup.policy not set');

    let invalid = null;
    try {
      await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic,
        configEntries: [{ name: 'retention.ms', value: 'soon' }] }] });
    } catch (e) { invalid = e; }
    check(invalid && invalid.type === 'INVALID_CONFIG', `invalid value: ${invalid && invalid.type}`);

    await admin.createPartitions({ topicPartitions: [{ topic, count: 4 }] });
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    check(metadata.topics[0].partitions.length === 4, 'partitions not grown to 4');

    await admin.deleteTopics({ topics: [topic], timeout: 30000 });
    check(!(await admin.listTopics()).includes(topic), 'topic still listed after delete');
    return { scenario: 'admin', partitions: 4, deleted: true };
  } finally {
    await admin.disconnect();
  }
}

async function consumeAll(kafka, topic, groupId, expected, readUncommitted) {
  const consumer = kafka.consumer({ groupId, readUncommitted });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen = new Set();
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${groupId}: consumed ${seen.size} of ${expected}`)), 30000);
      consumer.run({ eachMessage: async ({ message }) => {
        const key = message.key.toString();
        check(!seen.has(key), `duplicate ${key}`);
        seen.add(key);
        if (seen.size === expected) { clearTimeout(timer); resolve(); }
      } });
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

async function transactionsScenario(kafka, topic, group, transactionalId) {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const records = (from, count) => Array.from({ length: count }, (_, i) => ({
    key: `key-${from + i}`, value: `value-${from + i}` }));

  const run = async (from, count, commit, offsets) => {
    const transaction = await producer.transaction();
    await transaction.send({ topic, messages: records(from, count) });
    if (offsets) await transaction.sendOffsets(offsets);
    if (commit) await transaction.commit(); else await transaction.abort();
  };
  await run(0, 10, true);
  await run(10, 5, false);
  await run(15, 3, true, { consumerGroupId: group, topics: [{ topic, partitions: [{ partition: 0, offset: '7' }] }] });
  await producer.disconnect();

  const committed = await consumeAll(kafka, topic, `${group}-committed`, 13, false);
  for (let i = 10; i < 15; i++) check(!committed.has(`key-${i}`), `aborted key-${i} visible to read_committed`);
  const uncommitted = await consumeAll(kafka, topic, `${group}-uncommitted`, 18, true);
  const offsets = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  await admin.disconnect();
  const groupOffset = Number(offsets[0].partitions[0].offset);
  check(groupOffset === 7, `transactional group offset ${groupOffset}, expected 7`);
  return { scenario: 'transactions', read_committed: committed.size, read_uncommitted: uncommitted.size,
    group_offset: groupOffset };
}

async function main() {
  const [bootstrap, scenario, ...args] = process.argv.slice(2);
  const kafka = new Kafka({ clientId: 'streambus-compat', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const scenarios = { admin: adminScenario, transactions: transactionsScenario };
  check(scenarios[scenario], `unknown scenario ${scenario}`);
  const result = await scenarios[scenario](kafka, ...args);
  result.client = `kafkajs ${require('kafkajs/package.json').version}`;
  console.log(JSON.stringify(result));
}

main().catch((e) => { console.error(`kafkajs error: ${e.stack || e}`); process.exit(1); });
