import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freePorts, isPortFree } from '../../sandbox/ports';

test('freePorts gives distinct ports, each free to bind once they are handed over', async () => {
  for (let round = 0; round < 20; round++) {
    const ports = await freePorts(4);
    assert.equal(new Set(ports).size, 4, `round ${round}: ${ports.join(', ')}`);
    for (const port of ports) {
      assert.ok(port > 0);
      assert.ok(await isPortFree(port), `port ${port} is still held`);
    }
  }
});
