import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, createCliFixture } from './cli-fixture.ts';

const run = promisify(execFile);
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
if (!chromium) console.warn('HTML report test skipped: Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH)');

describe.skipIf(!chromium)('switchyard report --format html [needs Chromium: apt-get install -y chromium]', () => {
  let fixture: Awaited<ReturnType<typeof createCliFixture>>;
  let profile: string;
  beforeAll(async () => {
    fixture = await createCliFixture();
    profile = mkdtempSync(join(tmpdir(), 'switchyard-chromium-'));
  });
  afterAll(() => {
    fixture.cleanup();
    rmSync(profile, { recursive: true, force: true });
  });

  it('should render the chart and the totals in headless Chromium, from one self-contained page', { timeout: 60_000 }, async () => {
    const out = join(fixture.dir, 'report.html');
    const { code } = await cli(fixture.dir, ['report', '--config', fixture.config, '--since', '2026-11-20', '--format', 'html', '--out', out]);
    expect(code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<link|<img|\ssrc=|@import|url\(/);

    const { stdout: dom } = await run(
      chromium as string,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', `--user-data-dir=${profile}`, '--dump-dom', pathToFileURL(out).href],
      { timeout: 45_000, maxBuffer: 10 * 1024 * 1024 },
    );
    // Set by the page's script once the browser has laid out the chart: every bar has a non-empty box.
    expect(dom).toMatch(/<html[^>]* data-rendered="true"/);
    expect(dom).toMatch(/<html[^>]* data-chart-bars="6"/); // 3 providers × 2 days with a cost
    expect(dom).toMatch(/<html[^>]* data-total-visible="true"/);
    expect(dom).toContain('<strong id="total-cost">106.40 USD</strong>');
    expect(dom).toMatch(/<rect class="bar"[^>]*data-provider="ptu" data-day="2026-11-21" data-usd="48.000000000"/);
    expect(dom).toMatch(/<tfoot><tr class="total"><td>TOTAL<\/td><td class="num">6<\/td>/);
  });
});
