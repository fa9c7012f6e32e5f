/** `npm run bench`: runs every benchmark (or those whose name contains argv[2]); one JSON line each. */
import 'reflect-metadata';
import { Benchmark } from './harness';
import { BENCHMARKS } from './benchmarks';

async function main(): Promise<void> {
  const filter = process.argv[2];
  const selected: Benchmark[] = BENCHMARKS.filter((b) => !filter || b.name.includes(filter));
  for (const b of selected) {
    const result = await b.run();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
