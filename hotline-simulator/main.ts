// Runs the simulator alone: `node --import tsx hotline-simulator/main.ts` (port HOTLINE_SIM_PORT, secret
// HOTLINE_SECRET, our system at http://127.0.0.1:PORT, its orders kept in .data/hotline-simulator.json).
// `npm start` starts it itself in development.
import { loadEnvFileIfPresent, readConfig } from '../infra/config.ts';
import { DEFAULT_STATE_FILE, startHotlineSimulator } from './index.ts';

loadEnvFileIfPresent();
const config = readConfig();
const simulator = await startHotlineSimulator({
  port: config.hotlineSimulatorPort,
  secret: config.hotlineSecret,
  callbackUrl: `http://127.0.0.1:${config.port}`,
  stateFile: DEFAULT_STATE_FILE,
});
console.log(`[hotline] 12345 热线模拟器 ${simulator.url}/`);
const shutdown = () => void simulator.stop().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
