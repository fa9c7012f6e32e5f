import { AdjustableClock, Clock } from '@gongkai/core/platform';
import { calendarBenchmark } from './calendar.bench';
import { Benchmark, opsPerSecond } from './harness';
import { intakeBenchmark } from './intake.bench';
import { pagesBenchmark } from './pages.bench';
import { reportBenchmark } from './report.bench';
import { worklistBenchmark } from './worklist.bench';

/** Every benchmark of `npm run bench`, in the order they run. */
export const BENCHMARKS: Benchmark[] = [
  calendarBenchmark,
  {
    // The clock is read on every request and deadline computation; it must cost next to nothing.
    name: 'clock.today',
    run: () => {
      const clock: Clock = new AdjustableClock();
      const ours = opsPerSecond(() => clock.today());
      const base = opsPerSecond(() => new Date().toISOString().slice(0, 10));
      return Promise.resolve({
        name: 'clock.today',
        figures: { opsPerSec: ours },
        baseline: { name: 'new Date().toISOString().slice(0, 10)', figures: { opsPerSec: base } },
        ratio: Number((ours / base).toFixed(2)),
      });
    },
  },
  intakeBenchmark,
  pagesBenchmark,
  worklistBenchmark,
  reportBenchmark,
];
