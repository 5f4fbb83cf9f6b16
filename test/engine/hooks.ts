// Mocha global fixtures: the engine starts once per test run, not per test.
import { startHarness, stopHarness } from './harness.ts';

export async function mochaGlobalSetup(): Promise<void> {
  await startHarness();
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stopHarness();
}
