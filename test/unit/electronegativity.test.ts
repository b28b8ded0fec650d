import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/security-policy.js';
import {
  buildShippedApp,
  copyAppSource,
  explains,
  readAllowList,
  ROOT,
  scanWithElectronegativity,
  unexplained,
  type Scan,
} from './electronegativity-scan.js';

const ALLOW_LIST = path.join(ROOT, 'test/fixtures/security/electronegativity-allow-list.json');
const UNSAFE_WINDOW = path.join(ROOT, 'test/fixtures/security/unsafe-window.js');
const allowList = readAllowList(ALLOW_LIST);

const work = mkdtempSync(path.join(os.tmpdir(), 'marginalia-electronegativity-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Three scans, started together (each waits ~10 s on network look-ups that fail here):
 * the app's source (main, preload, shared, renderer code and its HTML), the
 * app as built for shipping (bundles and the built page), and the source
 * with one unsafe file added, which must fail.
 */
const source = copyAppSource(path.join(work, 'source'));
const withUnsafeFile = copyAppSource(path.join(work, 'unsafe'));
copyFileSync(UNSAFE_WINDOW, path.join(withUnsafeFile, 'main/electron/help-window.js'));
const scans = (async () => {
  const shipped = await buildShippedApp(path.join(work, 'shipped'));
  const [sourceScan, shippedScan, unsafeScan] = await Promise.all([
    scanWithElectronegativity(source, path.join(work, 'report-source')),
    scanWithElectronegativity(shipped, path.join(work, 'report-shipped')),
    scanWithElectronegativity(withUnsafeFile, path.join(work, 'report-unsafe')),
  ]);
  return { sourceScan, shippedScan, shipped, unsafeScan };
})();
// Reported by the tests below, not as an unhandled rejection.
scans.catch(() => undefined);

const SCAN_TIME = 180_000;

describe('electronegativity over the whole app', () => {
  it('reads every file of the source and of the shipped build', async () => {
    const { sourceScan, shippedScan } = await scans;
    expect(sourceScan.unparsed, 'source files the tool could not parse').toEqual([]);
    expect(shippedScan.unparsed, 'shipped files the tool could not parse').toEqual([]);
  }, SCAN_TIME);

  it('finds nothing in the source beyond the reviewed allow-list', async () => {
    const { sourceScan } = await scans;
    expect(unexplained(sourceScan.findings, allowList, source), 'findings not in the allow-list').toEqual([]);
  }, SCAN_TIME);

  it('finds nothing in the shipped build beyond the reviewed allow-list', async () => {
    const { shippedScan, shipped } = await scans;
    expect(unexplained(shippedScan.findings, allowList, shipped), 'findings not in the allow-list').toEqual([]);
  }, SCAN_TIME);

  it('still needs every allow-list entry, and each gives its reason', async () => {
    const { sourceScan, shippedScan, shipped } = await scans;
    const used = (scan: Scan, folder: string) => allowList.filter((entry) => scan.findings.some((f) => explains(entry, f, folder)));
    const needed = new Set([...used(sourceScan, source), ...used(shippedScan, shipped)]);
    expect(allowList.filter((entry) => !needed.has(entry)).map((e) => `${e.rule} ${e.file}`), 'entries no finding needs').toEqual([]);
    for (const entry of allowList) expect(entry.reason.length, `${entry.rule} ${entry.file}`).toBeGreaterThan(40);
  }, SCAN_TIME);

  it('fails when a file with unsafe window options and an unchecked openExternal is added', async () => {
    const { unsafeScan } = await scans;
    const newFindings = unexplained(unsafeScan.findings, allowList, withUnsafeFile);
    expect(newFindings.length).toBeGreaterThan(0);
    // Everything unexplained is in the added file, and it is caught for what is wrong with it.
    expect(newFindings.filter((f) => !f.includes('main/electron/help-window.js'))).toEqual([]);
    const rules = new Set(unsafeScan.findings.filter((f) => f.file === 'main/electron/help-window.js').map((f) => f.rule));
    for (const rule of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK']) {
      expect([...rules], [...rules].join(' ')).toContain(rule);
    }
  }, SCAN_TIME);

  it("rates our CSP strong with the tool's own CSP evaluator", () => {
    const toolDir = path.join(ROOT, 'node_modules/@doyensec/electronegativity');
    const csp = createRequire(path.join(toolDir, 'package.json'))('@doyensec/csp-evaluator') as {
      CspParser: new (policy: string) => { csp: unknown };
      CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): { severity: number; directive: string; value?: string }[] };
      Version: { CSP3: unknown };
      severities: Record<string, number>;
    };
    const results = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
    const worrying = results.filter((r) => r.severity <= csp.severities.MEDIUM_MAYBE!);
    // The one "maybe": script-src 'self' is unsafe where the origin hosts
    // JSONP or user uploads. Our origins serve only the built renderer.
    expect(worrying.map((r) => `${r.directive} ${r.severity}`)).toEqual([`script-src ${csp.severities.MEDIUM_MAYBE}`]);
  });
});
