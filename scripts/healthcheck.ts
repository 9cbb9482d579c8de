// The image's HEALTHCHECK (`node dist/scripts/healthcheck.js [api|worker]`): asks this container's
// own /livez on loopback, at the port of the configuration (PORT for the API, over HTTPS when it
// serves TLS; WORKER_HTTP_PORT for the worker). Exit 0 when it answers 200 within 4 s, else 1.
import http from 'node:http';
import https from 'node:https';
import { loadConfigOrExit } from '../infra/config';

const role = process.argv[2] ?? 'api';
const config = loadConfigOrExit();
const tls = role === 'api' && config.API_TLS_CERT_PATH !== undefined;
const port = role === 'worker' ? config.WORKER_HTTP_PORT : config.PORT;
// Loopback to this container's own process: the certificate names the public host, not 127.0.0.1.
const req = (tls ? https : http).get({ host: '127.0.0.1', port, path: '/livez', timeout: 4000, ...(tls ? { rejectUnauthorized: false } : {}) }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
