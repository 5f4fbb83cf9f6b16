// Test oracle for 清明: the instant the apparent solar longitude reaches 15°, from Meeus, Astronomical
// Algorithms ch. 25 (low accuracy, about 0.01° ≈ 15 minutes). Independent of the formula in lunar.ts.
const DEGREE = Math.PI / 180;
const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_JULIAN_DAY = 2_440_587.5;

function apparentSolarLongitude(julianDay: number): number {
  const t = (julianDay - 2_451_545) / 36_525;
  const meanLongitude = 280.46646 + 36_000.76983 * t + 0.0003032 * t * t;
  const meanAnomaly = (357.52911 + 35_999.05029 * t - 0.0001537 * t * t) * DEGREE;
  const centre =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.000289 * Math.sin(3 * meanAnomaly);
  const node = (125.04 - 1934.136 * t) * DEGREE;
  const longitude = meanLongitude + centre - 0.00569 - 0.00478 * Math.sin(node);
  return ((longitude % 360) + 360) % 360;
}

/** Beijing-time instant of 清明 in the year, as milliseconds since the Unix epoch shifted by +8 h. */
export function qingmingBeijingMillis(year: number): number {
  let low = Date.UTC(year, 3, 1) / MS_PER_DAY + UNIX_EPOCH_JULIAN_DAY;
  let high = low + 10;
  for (let step = 0; step < 50; step += 1) {
    const middle = (low + high) / 2;
    const longitude = apparentSolarLongitude(middle);
    if (longitude < 15 || longitude > 300) low = middle;
    else high = middle;
  }
  // The series is in dynamical time; ΔT (about 69 s in 2020, growing slowly) moves UTC a little earlier.
  const deltaTDays = (69 + (year - 2020) * 0.5) / 86_400;
  return (low - deltaTDays - UNIX_EPOCH_JULIAN_DAY) * MS_PER_DAY + 8 * 3_600_000;
}
