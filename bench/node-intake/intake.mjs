// The peer Switchboard's intake is compared with: what a lean Node intake does for one delivery, and nothing more.
// Node's own http server and ioredis: read the raw body, check X-Hub-Signature-256 (HMAC-SHA256 under the app
// secret, constant-time), XADD the raw body to a stream, answer 200. No JSON parsing, no processing.
// Env: PORT, REDIS_PORT, APP_SECRET, MAX_BODY (bytes, default 3 MiB).
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import Redis from 'ioredis';

const secret = process.env.APP_SECRET;
const maxBody = Number(process.env.MAX_BODY || 3 * 1024 * 1024);
const redis = new Redis({ host: '127.0.0.1', port: Number(process.env.REDIS_PORT), enableAutoPipelining: true });

function signatureOk(body, header) {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const presented = Buffer.from(header.slice(7), 'hex');
  const expected = createHmac('sha256', secret).update(body).digest();
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function answer(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/webhooks/whatsapp') return answer(res, 404, '{"error":"not_found"}');
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= maxBody) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > maxBody) return answer(res, 413, '{"error":"payload_too_large"}');
    const body = Buffer.concat(chunks);
    if (!signatureOk(body, req.headers['x-hub-signature-256'])) return answer(res, 401, '{"error":"invalid_signature"}');
    // capped like Switchboard's retention, so Redis memory stays flat on both sides
    redis.xadd('node:{whatsapp:webhook}:s', 'MAXLEN', '~', '10000', '*', 'd', body)
      .then((id) => answer(res, 200, `{"status":"accepted","jobId":"${id}"}`))
      .catch(() => answer(res, 503, '{"error":"unavailable"}'));
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`node intake listening on ${process.env.PORT}`));
