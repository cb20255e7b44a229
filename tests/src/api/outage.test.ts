import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import net from 'node:net';
import request from 'supertest';
import { openDb, type Db } from '@lockstep/server/db';
import { testApp } from '../support/app.js';
import { onPostgres, openTestDb, type TestDb } from '../support/testDb.js';

/**
 * A TCP proxy in front of PostgreSQL that can be cut and restored: an outage as the
 * server sees it (connections refused, live connections dropped) without stopping the
 * PostgreSQL that other tests share.
 */
class CuttableProxy {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}
  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      this.sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const describeOnPostgres = onPostgres ? describe : describe.skip;

describeOnPostgres('PostgreSQL outage', () => {
  let testDb: TestDb;
  let proxy: CuttableProxy;
  let db: Db;

  beforeAll(async () => {
    testDb = await openTestDb();
    const real = new URL(testDb.url!);
    const probe = net.createServer();
    const port = await new Promise<number>((r) => probe.listen(0, '127.0.0.1', () => r((probe.address() as net.AddressInfo).port)));
    await new Promise((r) => probe.close(r));
    proxy = new CuttableProxy({ host: real.hostname, port: Number(real.port || 5432) }, port);
    await proxy.up();
    const viaProxy = new URL(real);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    db = await openDb({ url: viaProxy.toString() });
  });
  afterAll(async () => {
    await db?.close().catch(() => undefined);
    await proxy?.down();
    await testDb?.close();
  });

  test('answers 503 with Retry-After while the database is away, and recovers without a restart', async () => {
    const { app } = testApp(db as TestDb);
    expect((await request(app).get('/api/health')).status).toBe(200);

    await proxy.down();
    const during = await request(app).get('/api/health');
    expect(during.status).toBe(503);
    expect(during.headers['retry-after']).toBeDefined();
    expect(during.body.error.code).toBe('database_unavailable');
    const signIn = await request(app).post('/api/session').send({ email: 'a@b.c', password: 'whatever-pass' });
    expect(signIn.status).toBe(503);

    await proxy.up();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await request(app).get('/api/health')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });
});
