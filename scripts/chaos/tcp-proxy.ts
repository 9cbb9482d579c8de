// A TCP proxy on loopback between the processes and PostgreSQL, so the chaos run can cut the
// database off without touching the server other engineers share: `cut()` destroys every open
// connection and closes the listening socket (a new connection is refused, ECONNREFUSED, as from
// a database host that went away); `restore()` listens again on the same port.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxyStats {
  /** Client connections accepted since the start. */
  accepted: number;
  /** Open connections destroyed by cuts. */
  destroyed: number;
  cuts: number;
}

export class TcpProxy {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  readonly stats: TcpProxyStats = { accepted: 0, destroyed: 0, cuts: 0 };

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** Listens on 127.0.0.1:port and forwards every connection to the target. */
  static async start(port: number, target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(port, target);
    await proxy.listen();
    return proxy;
  }

  get cutOff(): boolean {
    return this.server === null;
  }

  private listen(): Promise<void> {
    const server = createServer((client) => this.relay(client));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        this.server = server;
        resolve();
      });
    });
  }

  private relay(client: Socket): void {
    this.stats.accepted++;
    const upstream = connect(this.target.port, this.target.host);
    this.open.add(client);
    this.open.add(upstream);
    // Either side's end or error ends both: a half-open pair would leave the driver waiting.
    const finish = () => {
      client.destroy();
      upstream.destroy();
      this.open.delete(client);
      this.open.delete(upstream);
    };
    client.on('error', finish);
    upstream.on('error', finish);
    client.on('close', finish);
    upstream.on('close', finish);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Destroys every open connection and refuses new ones until restore(). */
  async cut(): Promise<void> {
    if (this.server) this.stats.cuts++;
    await this.shutDown();
  }

  private async shutDown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Count client-side sockets once per pair: each pair holds two sockets.
    this.stats.destroyed += Math.ceil(this.open.size / 2);
    for (const s of this.open) s.destroy();
    this.open.clear();
    await closed;
  }

  async restore(): Promise<void> {
    if (this.server) return;
    await this.listen();
  }

  async close(): Promise<void> {
    await this.shutDown();
  }
}
