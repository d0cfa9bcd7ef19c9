// The embedded database's own thread: PGlite runs here so its (synchronous, WebAssembly)
// query work never blocks the tracker's event loop. Messages: {id, op, text, params, data}.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const pg = workerData.dir ? await PGlite.create(workerData.dir) : await PGlite.create();

parentPort.on('message', async (m) => {
  try {
    if (m.op === 'query') {
      const r = await pg.query(m.text, m.params ?? []);
      parentPort.postMessage({ id: m.id, rows: r.rows });
    } else if (m.op === 'exec') {
      await pg.exec(m.text);
      parentPort.postMessage({ id: m.id, rows: [] });
    } else if (m.op === 'copy') {
      await pg.query(m.text, [], { blob: new Blob([m.data]) });
      parentPort.postMessage({ id: m.id, rows: [] });
    } else if (m.op === 'close') {
      await pg.close();
      parentPort.postMessage({ id: m.id, rows: [] });
    }
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: { message: String(err?.message ?? err), code: err?.code } });
  }
});
parentPort.postMessage({ ready: true });
