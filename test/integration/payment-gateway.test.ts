// The payment gateway chosen by configuration: the treasury adapter over HTTP (against a real
// HTTP server speaking its contract: paid, refused, an answer outside the contract, no answer in
// time), and a production worker's refusal of the in-process recorder unless the deployment says
// it moves no real money.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../../infra/config';
import { PaymentRefusedError, type TransferRequest } from '../../infra/payments/gateway';
import { HttpPaymentGateway, PaymentGatewayUnavailableError } from '../../infra/payments/http-gateway';
import { InProcessPaymentGateway } from '../../infra/payments/in-process-gateway';
import { PaymentConfigError, productionPaymentGateway } from '../../infra/payments/from-config';
import { createTestDatabase, type TestDatabase } from '../support/db';

const TOKEN = 'treasury-token-0123456789';
type Seen = { method?: string; url?: string; authorization?: string; idempotencyKey?: string; body: unknown };
const seen: Seen[] = [];
/** How the adapter answers the next request. */
let answer: (req: TransferRequest) => { status: number; body?: unknown; delayMs?: number } = () => ({ status: 500 });
let server: Server;
let url: string;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString())).on('end', () => resolve(text));
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const body = JSON.parse(text) as TransferRequest;
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, idempotencyKey: String(req.headers['idempotency-key']), body });
      const a = answer(body);
      setTimeout(() => res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body === undefined ? '' : JSON.stringify(a.body)), a.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/treasury/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => (seen.length = 0));

const request: TransferRequest = {
  idempotencyKey: 'SB-2026-000001:payment:1',
  caseId: 'SB-2026-000001',
  enterpriseId: 'e1',
  amountFen: 300_000,
  account: { accountName: '辽源某企业', accountNo: '6222021234567890123', bankName: '中国工商银行辽源分行' },
};
const gateway = (timeoutMs = 2000) => new HttpPaymentGateway({ url, token: TOKEN, timeoutMs });

describe('HttpPaymentGateway', () => {
  it('posts the transfer with its key and token and returns the adapter\'s transfer reference', async () => {
    answer = () => ({ status: 201, body: { status: 'succeeded', transferRef: 'GK-2026-778899' } });
    expect(await gateway().transfer(request)).toEqual({ transferRef: 'GK-2026-778899' });
    expect(seen).toEqual([{ method: 'POST', url: '/treasury/v1/transfers', authorization: `Bearer ${TOKEN}`, idempotencyKey: request.idempotencyKey, body: request }]);
  });

  it('turns a 422 refusal into PaymentRefusedError with the bank\'s reason', async () => {
    answer = () => ({ status: 422, body: { status: 'refused', reason: 'account closed' } });
    const err = await gateway().transfer(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaymentRefusedError);
    expect(err).toMatchObject({ reason: 'account closed' });
  });

  it.each([
    ['a 500', { status: 500, body: { error: 'x' } }],
    ['a 200 outside the contract', { status: 200, body: { ok: true } }],
    ['a 422 without a reason', { status: 422, body: {} }],
  ])('treats %s as transient (the activity retries with the same key), naming no account', async (_name, a) => {
    answer = () => a;
    const err = await gateway().transfer(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaymentGatewayUnavailableError);
    expect((err as Error).message).toContain(request.idempotencyKey);
    expect((err as Error).message).not.toContain(request.account.accountNo);
  });

  it('gives up on an adapter that does not answer in time, as transient', async () => {
    answer = () => ({ status: 201, body: { status: 'succeeded', transferRef: 'late' }, delayMs: 1500 });
    await expect(gateway(200).transfer(request)).rejects.toBeInstanceOf(PaymentGatewayUnavailableError);
  });
});

describe('productionPaymentGateway', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => tdb.drop());
  const choose = (env: Record<string, string>) => productionPaymentGateway(parseConfig(env), tdb.repos.funding);

  it('http: the treasury adapter', () => {
    expect(choose({ PAYMENT_GATEWAY: 'http', PAYMENT_GATEWAY_URL: url, PAYMENT_GATEWAY_TOKEN: TOKEN })).toBeInstanceOf(HttpPaymentGateway);
  });

  it('refuses to start without a choice, or with the recorder on a deployment that did not say it is a test', () => {
    expect(() => choose({})).toThrow(PaymentConfigError);
    expect(() => choose({})).toThrow(/set PAYMENT_GATEWAY/);
    expect(() => choose({ PAYMENT_GATEWAY: 'in-process' })).toThrow(/TEST_DEPLOYMENT=true/);
    expect(() => choose({ PAYMENT_GATEWAY: 'in-process', TEST_DEPLOYMENT: 'false' })).toThrow(PaymentConfigError);
  });

  it('in-process with TEST_DEPLOYMENT=true: the recorder', () => {
    expect(choose({ PAYMENT_GATEWAY: 'in-process', TEST_DEPLOYMENT: 'true' })).toBeInstanceOf(InProcessPaymentGateway);
  });
});
