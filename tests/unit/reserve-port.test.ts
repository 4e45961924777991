import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { reservePort } from '../../server/src/processes';

/** Whether another process (here: another socket) could bind `port` right now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('reservePort', () => {
  it('holds the port until a server takes it over, then that server answers on it', async () => {
    const reserved = await reservePort();
    // Held: nobody else can take it, however long the wait.
    expect(await bindable(reserved.port)).toBe(false);
    const server = createHttpServer((_req, res) => res.end('ข่าว'));
    await new Promise<void>((resolve) => server.listen(reserved.server, resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${reserved.port}/`);
      expect(await response.text()).toBe('ข่าว');
      expect(await bindable(reserved.port)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
