// Drops the test databases of processes that are gone: `npm run test:mutation` runs it at its end,
// since the mutation runs keep their template databases until their process exits.
import { dropStaleDatabases } from './global-setup.mjs';

const serverUrl = (process.env.TEST_PG_URL ?? '').replace(/\/$/, '');
if (!serverUrl) throw new Error('TEST_PG_URL is not set');
await dropStaleDatabases(serverUrl);
