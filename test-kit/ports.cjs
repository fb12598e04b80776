// Ports for processes a test or the benchmark starts: a free one to hand out, and waiting for one to open or close.
const net = require('node:net');

/** A port nothing listens on right now (the kernel's pick for port 0, released at once). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Resolves once 127.0.0.1:port accepts connections (open) or refuses them (closed). */
async function waitForPort(port, open, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const isOpen = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (isOpen === open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`port ${port} did not ${open ? 'open' : 'close'} in time`);
}

module.exports = { freePort, waitForPort };
