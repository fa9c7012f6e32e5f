import { Benchmark } from './harness';
import { LoadResult, demoApplication, load, withPortal } from './app-process';

const CONCURRENCY = 20;
const DURATION_MS = Number(process.env.BENCH_PAGES_MS ?? 5_000);

/**
 * Time to first byte of the portal's pages at 20 concurrent users — the home page, a step of the
 * application form and a citizen's request page (both signed in) — beside a static file served by
 * the same app in the same run. `fetch` resolves when the headers arrive: that is the TTFB.
 */
export const pagesBenchmark: Benchmark = {
  name: 'portal.pages',
  run() {
    return withPortal(async ({ base, agencyId, token }) => {
      const created = await fetch(`${base}/api/portal/requests`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: demoApplication(agencyId),
      });
      const { id } = (await created.json()) as { id: string };
      const cookie = `gk_citizen=${token}`;
      const ttfb = (path: string, signedIn: boolean) =>
        load(
          async () => {
            const res = await fetch(`${base}${path}`, {
              headers: signedIn ? { cookie } : {},
              redirect: 'manual',
            });
            const ok = res.status === 200;
            await res.arrayBuffer();
            return ok;
          },
          DURATION_MS,
          CONCURRENCY,
        );
      const pick = (r: LoadResult) => ({
        p95Ms: r.p95Ms,
        p50Ms: r.p50Ms,
        perSecond: r.perSecond,
        errors: r.errors,
      });
      const home = await ttfb('/', false);
      const apply = await ttfb('/apply/agency', true);
      const request = await ttfb(`/requests/${id}`, true);
      const asset = await ttfb('/assets/gongkai.css', false);
      return {
        name: 'portal.pages',
        figures: {
          concurrency: CONCURRENCY,
          seconds: DURATION_MS / 1000,
          homeP95Ms: home.p95Ms,
          applyP95Ms: apply.p95Ms,
          requestP95Ms: request.p95Ms,
          home: JSON.stringify(pick(home)),
          apply: JSON.stringify(pick(apply)),
          request: JSON.stringify(pick(request)),
        },
        baseline: { name: 'static file /assets/gongkai.css from the same app', figures: pick(asset) },
        ratio: Number(
          (Math.max(home.p95Ms, apply.p95Ms, request.p95Ms) / Math.max(asset.p95Ms, 0.1)).toFixed(1),
        ),
      };
    });
  },
};
