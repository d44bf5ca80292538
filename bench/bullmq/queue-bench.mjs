// The queue benchmark's workload through BullMQ on a given Redis, for a side-by-side comparison with
// Switchboard (bench/queue.sh --bullmq). Prints "<name> <value> <unit>" lines with the same names.
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';

const connection = { host: '127.0.0.1', port: Number(process.env.REDIS_PORT) };
const JOBS = Number(process.env.JOBS || 20000);
const payload = { to: '+15551234567', text: 'benchmark job' };
// which parts run (PHASES of bench/queue.sh: enqueue, process, latency; all when empty)
const PHASES = (process.env.PHASES || '').split(/[,\s]+/).filter(Boolean);
const runs = (phase) => PHASES.length === 0 || PHASES.includes(phase);

const report = (name, value, unit) => console.log(`${name} ${Math.round(value)} ${unit}`);
const rate = (count, start) => count / ((performance.now() - start) / 1000);

// single adds, 50 in flight
async function concurrently(queue, count) {
  let next = 0;
  await Promise.all(Array.from({ length: 50 }, async () => {
    while (next < count) { next++; await queue.add('job', payload); }
  }));
}

async function enqueue() {
  const queue = new Queue('bench-enqueue', { connection });
  await queue.pause();
  for (let i = 0; i < 3000; i++) await queue.add('job', payload); // warm-up
  await concurrently(queue, JOBS); // the concurrent path too, as on the Switchboard side
  await queue.obliterate({ force: true });
  await queue.pause();

  let start = performance.now();
  for (let i = 0; i < JOBS / 4; i++) await queue.add('job', payload);
  report('enqueue_sequential', rate(JOBS / 4, start), 'jobs/s');

  // three rounds, the median one reported (as on the Switchboard side); CPU per job over all rounds
  const client = new IORedis(connection);
  const cpuBefore = await redisCpuSeconds(client);
  const clientBefore = process.cpuUsage();
  const rates = [];
  for (let round = 0; round < 3; round++) {
    start = performance.now();
    await concurrently(queue, JOBS);
    rates.push(rate(JOBS, start));
  }
  rates.sort((a, b) => a - b);
  report('enqueue_c50', rates[1], 'jobs/s');
  const clientCpu = process.cpuUsage(clientBefore);
  report('client_cpu_per_job_enqueue_c50', (clientCpu.user + clientCpu.system) / (3 * JOBS), 'us');
  report('redis_cpu_per_job_enqueue_c50', ((await redisCpuSeconds(client)) - cpuBefore) * 1e6 / (3 * JOBS), 'us');
  client.disconnect();

  start = performance.now();
  const batches = Array.from({ length: JOBS / 100 }, () => Array.from({ length: 100 }, () => ({ name: 'job', data: payload })));
  let b = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (b < batches.length) { const batch = batches[b++]; await queue.addBulk(batch); }
  }));
  report('enqueue_bulk100', rate(JOBS, start), 'jobs/s');
  await queue.obliterate({ force: true });
  await queue.close();
}

async function redisCpuSeconds(client) {
  const info = await client.info('cpu');
  return info.split(/\r?\n/).filter((l) => l.startsWith('used_cpu_sys:') || l.startsWith('used_cpu_user:'))
    .reduce((sum, l) => sum + Number(l.split(':')[1]), 0);
}

// three rounds, the median one reported (as on the Switchboard side); CPU per job over the three drains
async function processAt(concurrency) {
  const name = `bench-c${concurrency}`;
  const queue = new Queue(name, { connection });
  const batch = Array.from({ length: 100 }, () => ({ name: 'job', data: payload, opts: { removeOnComplete: 1000 } }));
  let done = 0;
  let target = 0;
  let resolve;
  const worker = new Worker(name, async () => {}, { connection, concurrency, autorun: false });
  worker.on('completed', () => { if (++done === target) resolve(); });
  const client = new IORedis(connection);
  const rates = [];
  let redisCpu = 0;
  let clientCpu = 0;
  for (let round = 0; round < 3; round++) {
    await queue.pause();
    for (let i = 0; i < JOBS / 100; i++) await queue.addBulk(batch);
    target += JOBS;
    const finished = new Promise((r) => { resolve = r; });
    const cpuBefore = await redisCpuSeconds(client);
    const clientBefore = process.cpuUsage();
    await queue.resume();
    const start = performance.now();
    if (round === 0) worker.run();
    await finished;
    rates.push(rate(JOBS, start));
    const used = process.cpuUsage(clientBefore);
    clientCpu += used.user + used.system;
    redisCpu += (await redisCpuSeconds(client)) - cpuBefore;
  }
  rates.sort((a, b) => a - b);
  report(`process_c${concurrency}`, rates[1], 'jobs/s');
  report(`client_cpu_per_job_c${concurrency}`, clientCpu / (3 * JOBS), 'us');
  report(`redis_cpu_per_job_c${concurrency}`, redisCpu * 1e6 / (3 * JOBS), 'us');
  client.disconnect();
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
}

async function latency(perSecond, seconds) {
  const name = 'bench-latency';
  const queue = new Queue(name, { connection });
  const latencies = [];
  const total = perSecond * seconds;
  let resolve;
  const finished = new Promise((r) => { resolve = r; });
  const worker = new Worker(name, async (job) => { latencies.push(Date.now() - job.timestamp); if (latencies.length === total) resolve(); },
    { connection, concurrency: 50 });
  await worker.waitUntilReady();
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.min(total, Math.floor((performance.now() - t0) * perSecond / 1000));
    while (sent < due) { sent++; queue.add('job', payload, { removeOnComplete: 1000 }); }
    if (sent >= total) clearInterval(timer);
  }, 2);
  const t0 = performance.now();
  await finished;
  latencies.sort((a, b) => a - b);
  report(`latency_p50_at_${perSecond}`, latencies[Math.floor(latencies.length / 2)], 'ms');
  report(`latency_p99_at_${perSecond}`, latencies[Math.floor(latencies.length * 0.99)], 'ms');
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
}

if (runs('enqueue')) await enqueue();
if (runs('process')) for (const c of [1, 5, 50]) await processAt(c);
if (runs('latency')) await latency(500, 10);
process.exit(0);
