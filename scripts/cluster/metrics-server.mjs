// A tiny stand-in for metrics-server, served through the real API aggregation layer
// (APIService v1beta1.metrics.k8s.io -> ExternalName service -> https://localhost:<port>).
// Usage figures are synthetic: each container "uses" its requests (or 10m / 32Mi if none);
// a node uses a 250m / 1Gi baseline plus its running pods. Enough for `kubectl top`-style reads
// and for a metrics preflight check to see the API present (or absent, after `metrics off`).
import https from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const arg = (n) => process.argv.find((a) => a.startsWith(`--${n}=`))?.slice(n.length + 3);
const port = Number(arg('port'));
const pki = arg('pki');
const kubeconfig = arg('kubeconfig');
const server = readFileSync(kubeconfig, 'utf8').match(/server:\s*(\S+)/)[1];
const apiUrl = new URL(server);
const tls = {
  ca: readFileSync(path.join(pki, 'ca.crt')),
  cert: readFileSync(path.join(pki, 'admin.crt')),
  key: readFileSync(path.join(pki, 'admin.key')),
};

function get(p) {
  return new Promise((resolve, reject) => {
    https
      .get(
        {
          host: apiUrl.hostname,
          port: apiUrl.port,
          path: p,
          ...tls,
          headers: { accept: 'application/json' },
          timeout: 5000,
        },
        (res) => {
          let b = '';
          res.setEncoding('utf8');
          res.on('data', (c) => {
            b += c;
          });
          res.on('end', () => {
            try {
              resolve({ status: res.statusCode, body: JSON.parse(b) });
            } catch (e) {
              reject(e);
            }
          });
        },
      )
      .on('error', reject);
  });
}

const UNITS = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
};
function bytes(q) {
  const m = String(q ?? '').match(/^([0-9.]+)([A-Za-z]*)$/);
  return m ? Number(m[1]) * (UNITS[m[2]] ?? 1) : 0;
}
function milli(q) {
  const s = String(q ?? '');
  if (!s) return 0;
  return s.endsWith('m') ? Number(s.slice(0, -1)) : Number(s) * 1000;
}
const cpuStr = (m) => `${Math.round(m * 1e6)}n`;
const memStr = (b) => `${Math.round(b / 1024)}Ki`;

function containerUsage(c) {
  const r = c.resources?.requests ?? {};
  return { cpu: r.cpu ? milli(r.cpu) : 10, memory: r.memory ? bytes(r.memory) : 32 * 2 ** 20 };
}
function matches(labels, selector) {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [k, v] = term.split(/!?=+/);
    const neg = term.includes('!=');
    return neg ? labels?.[k] !== v : labels?.[k] === v;
  });
}
const now = () => new Date().toISOString();
function podMetrics(p) {
  return {
    metadata: {
      name: p.metadata.name,
      namespace: p.metadata.namespace,
      labels: p.metadata.labels,
      creationTimestamp: now(),
    },
    timestamp: now(),
    window: '30s',
    containers: p.spec.containers.map((c) => {
      const u = containerUsage(c);
      return { name: c.name, usage: { cpu: cpuStr(u.cpu), memory: memStr(u.memory) } };
    }),
  };
}
async function runningPods(ns) {
  const r = await get(ns ? `/api/v1/namespaces/${encodeURIComponent(ns)}/pods` : '/api/v1/pods');
  return (r.body.items ?? []).filter((p) => p.status?.phase === 'Running');
}
async function nodeMetrics() {
  const [nodes, pods] = await Promise.all([get('/api/v1/nodes'), runningPods()]);
  return (nodes.body.items ?? []).map((n) => {
    let cpu = 250,
      mem = 2 ** 30;
    for (const p of pods)
      if (p.spec.nodeName === n.metadata.name)
        for (const c of p.spec.containers) {
          const u = containerUsage(c);
          cpu += u.cpu;
          mem += u.memory;
        }
    return {
      metadata: { name: n.metadata.name, labels: n.metadata.labels, creationTimestamp: now() },
      timestamp: now(),
      window: '30s',
      usage: { cpu: cpuStr(cpu), memory: memStr(mem) },
    };
  });
}

const GV = 'metrics.k8s.io/v1beta1';
const resourceList = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: GV,
  resources: [
    {
      name: 'nodes',
      singularName: '',
      namespaced: false,
      kind: 'NodeMetrics',
      verbs: ['get', 'list'],
    },
    {
      name: 'pods',
      singularName: '',
      namespaced: true,
      kind: 'PodMetrics',
      verbs: ['get', 'list'],
    },
  ],
};
const notFound = (what) => [
  404,
  {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    reason: 'NotFound',
    code: 404,
    message: `${what} not found`,
  },
];

async function route(u) {
  const p = u.pathname.replace(/\/+$/, '');
  const sel = u.searchParams.get('labelSelector');
  if (p === '/apis')
    return [
      200,
      {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [
          {
            name: 'metrics.k8s.io',
            versions: [{ groupVersion: GV, version: 'v1beta1' }],
            preferredVersion: { groupVersion: GV, version: 'v1beta1' },
          },
        ],
      },
    ];
  if (p === '/apis/metrics.k8s.io')
    return [
      200,
      {
        kind: 'APIGroup',
        apiVersion: 'v1',
        name: 'metrics.k8s.io',
        versions: [{ groupVersion: GV, version: 'v1beta1' }],
        preferredVersion: { groupVersion: GV, version: 'v1beta1' },
      },
    ];
  if (p === `/apis/${GV}`) return [200, resourceList];
  if (p === '/healthz' || p === '/readyz' || p === '/livez') return [200, 'ok'];
  let m;
  if (p === `/apis/${GV}/nodes`)
    return [
      200,
      {
        kind: 'NodeMetricsList',
        apiVersion: GV,
        metadata: {},
        items: (await nodeMetrics()).filter((n) => matches(n.metadata.labels, sel)),
      },
    ];
  if ((m = p.match(new RegExp(`^/apis/${GV}/nodes/([^/]+)$`)))) {
    const n = (await nodeMetrics()).find((x) => x.metadata.name === m[1]);
    return n
      ? [200, { kind: 'NodeMetrics', apiVersion: GV, ...n }]
      : notFound(`nodemetrics "${m[1]}"`);
  }
  if (p === `/apis/${GV}/pods`)
    return [
      200,
      {
        kind: 'PodMetricsList',
        apiVersion: GV,
        metadata: {},
        items: (await runningPods()).filter((x) => matches(x.metadata.labels, sel)).map(podMetrics),
      },
    ];
  if ((m = p.match(new RegExp(`^/apis/${GV}/namespaces/([^/]+)/pods$`))))
    return [
      200,
      {
        kind: 'PodMetricsList',
        apiVersion: GV,
        metadata: {},
        items: (await runningPods(m[1]))
          .filter((x) => matches(x.metadata.labels, sel))
          .map(podMetrics),
      },
    ];
  if ((m = p.match(new RegExp(`^/apis/${GV}/namespaces/([^/]+)/pods/([^/]+)$`)))) {
    const x = (await runningPods(m[1])).find((q) => q.metadata.name === m[2]);
    return x
      ? [200, { kind: 'PodMetrics', apiVersion: GV, ...podMetrics(x) }]
      : notFound(`podmetrics "${m[2]}"`);
  }
  return notFound(p);
}

https
  .createServer(
    {
      cert: readFileSync(path.join(pki, 'metrics.crt')),
      key: readFileSync(path.join(pki, 'metrics.key')),
    },
    async (req, res) => {
      try {
        const [code, body] = await route(new URL(req.url, 'https://localhost'));
        res.writeHead(code, {
          'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
        });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      } catch (e) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            code: 503,
            message: String(e.message),
          }),
        );
      }
    },
  )
  .listen(port, '127.0.0.1', () =>
    console.log(`metrics API stand-in listening on https://127.0.0.1:${port}`),
  );
