/**
 * Preloaded (`node --import`) into a CMS process a test starts, to run it at another time: `Date.now()`
 * answers the real time plus COESIONE_TEST_CLOCK_OFFSET_MS, fixed for the life of the process (so nothing
 * sees the clock jump). What reads `Date.now`, as the subscription passes do, lives in the moved week.
 */
const offset = Number(process.env.COESIONE_TEST_CLOCK_OFFSET_MS ?? 0);
if (Number.isFinite(offset) && offset !== 0) {
  const real = Date.now.bind(Date);
  Date.now = () => real() + offset;
}
