/**
 * B2's yardstick: the bare Fastify hello-world, in its own process, on loopback. Gatehouse's
 * signed-in `my access` is compared with the most the framework itself can do on this machine.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.send?.({ url: address });
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
