// Drives StreamBus with kafkajs, an independent JavaScript implementation of the Kafka protocol.
// Usage: node kafkajs-roundtrip.js BOOTSTRAP TOPIC GROUP COUNT
// Prints one JSON line with what it saw; exits non-zero on any error.
const { Kafka, logLevel, CompressionTypes } = require('kafkajs');

async function main() {
  const [bootstrap, topic, group, countText] = process.argv.slice(2);
  const count = Number(countText);
  const kafka = new Kafka({ clientId: 'streambus-compat', brokers: [bootstrap], logLevel: logLevel.ERROR });

  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const half = Math.floor(count / 2);
  const messages = (from, to) => Array.from({ length: to - from }, (_, i) => ({
    key: `key-${from + i}`, value: `value-${from + i}`, headers: { origin: 'kafkajs' } }));
  await producer.send({ topic, acks: -1, messages: messages(0, half) });
  await producer.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages: messages(half, count) });

  const consumer = kafka.consumer({ groupId: group });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen = new Set();
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`consumed only ${seen.size} of ${count}`)), 30000);
    consumer.run({
      eachMessage: async ({ message }) => {
        if (message.headers.origin.toString() !== 'kafkajs') throw new Error('header lost');
        seen.add(message.key.toString());
        if (seen.size === count) { clearTimeout(timer); resolve(); }
      },
    });
  });
  await consumer.disconnect(); // commits the consumed offsets
  const offsets = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  const committed = offsets[0].partitions.reduce((sum, p) => sum + Number(p.offset), 0);
  await producer.disconnect();
  await admin.disconnect();
  console.log(JSON.stringify({ partitions: metadata.topics[0].partitions.length, consumed: seen.size, committed }));
}

main().catch((e) => { console.error(`kafkajs error: ${e.stack || e}`); process.exit(1); });
