// Send benchmark helpers (Node 20, no dependencies), used by bench/send.sh.
//   node send-bench.mjs fake <port>                      a fake WhatsApp Cloud API: answers every send with a wamid
//                                                        after LATENCY_MS (default 20) and records arrival times
//   node send-bench.mjs drive <app-url> <graph-url>      the load: a warm-up, 2,000 messages for one number, then
//                                                        ten numbers at once; prints one figure a line: <name> <value> <unit>
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const [mode, ...args] = process.argv.slice(2);

if (mode === 'fake') {
  const latency = Number(process.env.LATENCY_MS ?? 20);
  const arrivals = new Map(); // phone-number id -> arrival times (ms, performance.now())
  let ids = 0;
  http.createServer((req, res) => {
    if (req.method === 'GET' && req.url.startsWith('/__arrivals')) {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(Object.fromEntries(arrivals)));
      return;
    }
    if (req.method === 'POST' && req.url === '/__reset') {
      arrivals.clear();
      res.end('{}');
      return;
    }
    const at = performance.now();
    const parts = req.url.split('/'); // '', version, number, 'messages'
    req.resume();
    req.on('end', () => {
      if (parts.length !== 4 || parts[3] !== 'messages') {
        res.statusCode = 404;
        res.end();
        return;
      }
      if (!arrivals.has(parts[2])) arrivals.set(parts[2], []);
      arrivals.get(parts[2]).push(at);
      setTimeout(() => {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: 'x', wa_id: 'x' }],
          messages: [{ id: `wamid.BENCH${++ids}` }] }));
      }, latency);
    });
  }).listen(Number(args[0]), '127.0.0.1');
} else if (mode === 'drive') {
  await drive(args[0], args[1]);
} else {
  console.error('usage: send-bench.mjs fake <port> | drive <app-url> <graph-url>');
  process.exit(2);
}

async function drive(app, graph) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const one = Number(process.env.ONE_NUMBER_MESSAGES ?? 2000);
  const perNumber = Number(process.env.TEN_NUMBERS_MESSAGES ?? 300);

  // warm-up (JIT, connection pools), not measured: 50 messages on each of the ten numbers
  const warm = [];
  for (let i = 0; i < 50; i++) for (let t = 0; t < 10; t++) warm.push([t, i]);
  await enqueue(app, agent, warm, 50);
  await until(async () => Object.values(await arrivals(graph, agent)).reduce((s, a) => s + a.length, 0) >= warm.length);
  await new Promise(r => setTimeout(r, 1500)); // let the per-number schedules run out

  // one number: a backlog of `one` messages (accepted while the queue is paused, so the intake does not compete
  // for the CPU), then the rate per 1-second window while it drains
  await post(`${graph}/__reset`, agent, {}, '');
  const admin = { Authorization: 'Bearer bench' };
  await post(`${app}/admin/queue/pause/whatsapp-send`, agent, admin, '');
  const enqueue1 = await enqueue(app, agent, Array.from({ length: one }, (_, i) => [0, i]), 50);
  await post(`${app}/admin/queue/resume/whatsapp-send`, agent, admin, '');
  await until(async () => (await arrivals(graph, agent))[number(0)]?.length >= one);
  const times = (await arrivals(graph, agent))[number(0)].sort((a, b) => a - b);
  const windows = fixedWindows(times);
  windows.forEach((count, n) => report(`send_window_${n + 1}`, count, 'msg/s'));
  const sorted = [...windows].sort((a, b) => a - b);
  report('send_one_number_min_window', sorted[0], 'msg/s');
  report('send_one_number_median_window', sorted[Math.floor(sorted.length / 2)], 'msg/s');
  report('send_one_number_max_window', sorted[sorted.length - 1], 'msg/s');
  report('send_one_number_max_any_sliding_1s', maxSliding(times), 'msg');
  report('send_one_number_mean', round((times.length - 1) / ((times.at(-1) - times[0]) / 1000)), 'msg/s');
  report('send_enqueue_p99_one_number', percentile(enqueue1, 0.99), 'ms');

  // ten numbers at once: the total rate and the enqueue latency while it runs
  await post(`${graph}/__reset`, agent, {}, '');
  const jobs = [];
  for (let i = 0; i < perNumber; i++) for (let t = 0; t < 10; t++) jobs.push([t, i]);
  const enqueue10 = await enqueue(app, agent, jobs, 50);
  await until(async () => Object.values(await arrivals(graph, agent)).reduce((s, a) => s + a.length, 0) >= jobs.length);
  const all = Object.values(await arrivals(graph, agent)).flat().sort((a, b) => a - b);
  report('send_total_10_numbers', round((all.length - 1) / ((all.at(-1) - all[0]) / 1000)), 'msg/s');
  const perNumberMax = Math.max(...Object.values(await arrivals(graph, agent)).map(a => maxSliding(a.sort((x, y) => x - y))));
  report('send_10_numbers_max_any_sliding_1s_per_number', perNumberMax, 'msg');
  report('send_enqueue_p50', percentile(enqueue10, 0.5), 'ms');
  report('send_enqueue_p99', percentile(enqueue10, 0.99), 'ms');
  agent.destroy();
}

function number(t) {
  return `99200000000000${t}`;
}

async function enqueue(app, agent, jobs, concurrency) {
  const latencies = [];
  let next = 0;
  async function worker() {
    while (next < jobs.length) {
      const [t, i] = jobs[next++];
      const body = JSON.stringify({ phoneNumber: `+49170${1000000 + i}`, text: `bench ${t} ${i}` });
      const start = performance.now();
      const status = await post(`${app}/api/whatsapp/send`, agent, { Authorization: `Bearer bench-${t}-api-token` }, body);
      if (status !== 202) throw new Error(`enqueue answered ${status}`);
      latencies.push(performance.now() - start);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}

function post(url, agent, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', ...headers } }, res => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function arrivals(graph, agent) {
  return new Promise((resolve, reject) => {
    http.get(`${graph}/__arrivals`, { agent }, res => {
      let data = '';
      res.on('data', chunk => { data += chunk; });
      res.on('end', () => resolve(JSON.parse(data)));
    }).on('error', reject);
  });
}

async function until(condition) {
  const deadline = performance.now() + 300_000;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error('timed out waiting for the sends');
    await new Promise(r => setTimeout(r, 200));
  }
}

/** Counts per whole 1-second window from the first send; the last, partial window is left out. */
function fixedWindows(times) {
  const counts = [];
  for (const t of times) {
    const n = Math.floor((t - times[0]) / 1000);
    counts[n] = (counts[n] ?? 0) + 1;
  }
  const whole = Math.floor((times.at(-1) - times[0]) / 1000);
  return Array.from({ length: whole }, (_, n) => counts[n] ?? 0);
}

/** The most sends within any half-open window [t, t + 1 s). */
function maxSliding(times) {
  let max = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= 1000) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
}

function round(value) {
  return Math.round(value * 10) / 10;
}

function report(name, value, unit) {
  console.log(`${name} ${value} ${unit}`);
}
