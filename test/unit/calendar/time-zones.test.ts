// All calendar logic runs in Asia/Shanghai whatever process.env.TZ is: the same answers under three TZs.
import assert from 'node:assert/strict';
import { runScriptUnderTimeZone } from './helpers.ts';

interface ProbeOutput {
  utcOffsetMinutes: number;
  answers: string[];
}

describe('calendar answers do not depend on the process time zone', function () {
  this.timeout(60_000);

  it('given TZ=UTC, Asia/Shanghai and America/New_York, when the same questions are asked, then the answers are identical', () => {
    const zones = ['UTC', 'Asia/Shanghai', 'America/New_York'];
    const outputs = zones.map(
      (zone) => JSON.parse(runScriptUnderTimeZone('tz-probe.ts', zone)) as ProbeOutput,
    );
    // The child processes really ran in different zones (July: UTC 0, Shanghai +480, New York −240).
    assert.deepEqual(
      outputs.map((output) => output.utcOffsetMinutes),
      [0, 480, -240],
    );
    const [reference, ...others] = outputs as [ProbeOutput, ...ProbeOutput[]];
    assert.ok(reference.answers.length > 1000);
    others.forEach((output, index) =>
      assert.deepEqual(output.answers, reference.answers, `TZ=${zones[index + 1]}`),
    );
  });
});
