// Node's ws client (what FastSchema's JS SDK runs on in Node) against a running stack, with the
// URLs exactly as FastSchema's documentation and a trailing-slash base URL produce them.
// Usage: node documented-urls.mjs <ws base, e.g. ws://localhost:8080> <token> <sql command...>
// The SQL command is run with the statement appended as its last argument (it writes the rows
// the subscriptions wait for). Exits 0 when every check passed, 1 otherwise.
import { spawnSync } from 'node:child_process';
import WebSocket from 'ws';

const [base, token, ...sqlCommand] = process.argv.slice(2);
if (!base || !token || sqlCommand.length === 0) {
  console.error('usage: node documented-urls.mjs <ws base> <token> <sql command...>');
  process.exit(2);
}
const TIMEOUT_MS = 20000;

function sql(statement) {
  const r = spawnSync(sqlCommand[0], [...sqlCommand.slice(1), statement], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`SQL failed (${r.status}): ${statement}\n${r.stderr}`);
  }
}

// Opens url; resolves with {messages, close} once `until(messages)` holds or the server closes.
function watch(url, until, afterOpen) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['Authorization', token]);
    const messages = [];
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`timed out on ${url}; got ${JSON.stringify(messages)}`));
    }, TIMEOUT_MS);
    ws.on('open', () => {
      try {
        afterOpen?.();
      } catch (e) {
        clearTimeout(timer);
        ws.terminate();
        reject(e);
      }
    });
    ws.on('message', (data) => {
      messages.push(JSON.parse(data.toString()));
      if (until(messages)) {
        clearTimeout(timer);
        ws.close();
        resolve({ messages });
      }
    });
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ messages, close: { code, reason: reason.toString() } });
    });
    ws.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const marker = `node-${Date.now()}`;
const insert = (title) => sql(`INSERT INTO blogs (title) VALUES ('${title}')`);
const checks = [
  ['the documented filter URL with raw braces and quotes', async () => {
    const url = `${base}/api/realtime/content?schema=blog&event=create&filter={"title":"${marker}-a"}`;
    const { messages } = await watch(url, (m) => m.length >= 1, () => {
      insert(`${marker}-other`);
      insert(`${marker}-a`);
    });
    if (messages[0]?.data?.title !== `${marker}-a`) {
      throw new Error(`expected only ${marker}-a, got ${JSON.stringify(messages)}`);
    }
  }],
  ['a base URL ending in a slash (//api/realtime/content)', async () => {
    const url = `${base}//api/realtime/content?schema=blog&event=create`;
    const { messages } = await watch(url,
      (m) => m.some((x) => x.data?.title === `${marker}-b`), () => insert(`${marker}-b`));
    if (!messages.some((x) => x.event === 'create')) {
      throw new Error(`no create: ${JSON.stringify(messages)}`);
    }
  }],
  ["FastSchema's documented select=name,tags shape (here title,tags): a relation as an array", async () => {
    const url = `${base}/api/realtime/content?schema=blog&event=create&select=title,tags`;
    let n = 0;
    let writer;
    try {
      // The node loads the tables a relation reaches for the first subscription that needs them,
      // and that subscription joins after the load: write until a change reaches it.
      const { messages } = await watch(url, (m) => m.length >= 1, () => {
        writer = setInterval(() => insert(`${marker}-c${n++}`), 300);
      });
      const data = messages[0]?.data;
      if (JSON.stringify(Object.keys(data ?? {})) !== '["id","title","tags"]'
          || !Array.isArray(data.tags) || data.tags.length !== 0) {
        throw new Error(`expected {id, title, tags: []}, got ${JSON.stringify(messages)}`);
      }
    } finally {
      clearInterval(writer);
    }
  }],
  ['a query that cannot be decoded is closed with 4400', async () => {
    const { close } = await watch(`${base}/api/realtime/content?schema=blog&filter=%zz`, () => false);
    if (close?.code !== 4400 || !close.reason.includes('malformed percent-encoding')) {
      throw new Error(`expected 4400, got ${JSON.stringify(close)}`);
    }
  }],
];

let failed = 0;
for (const [name, check] of checks) {
  try {
    await check();
    console.log(`node-clients: ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`node-clients: FAIL ${name}: ${e.message}`);
  }
}
console.log(`node-clients: ${checks.length - failed} of ${checks.length} checks passed`);
process.exit(failed === 0 ? 0 : 1);
