import { SqliteStateStore } from '@provisioning/store';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type OrchestratorProcess, startOrchestratorProcess } from './orchestrator-process';

// The control center in a real browser: Debian's chromium driven by playwright-core, against the
// built orchestrator on a real port with its SQLite store in a temp dir. Steps are commands on
// this machine (provider: local), so no testbed is needed. Screenshots of each page are kept in
// tmp/test-results/screenshots (CI keeps tmp/test-results as artifacts).
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(
  process.env.PROVISIONING_TEST_RESULTS_DIR ?? join(__dirname, '..', '..', '..', '..', 'tmp', 'test-results'),
  'screenshots',
);
// Where chromium must run (CI, root) its absence fails the suite; elsewhere it is skipped, loudly.
const required = process.env.CI === 'true' || process.getuid?.() === 0;
const available = existsSync(CHROMIUM);
if (!available && !required)
  console.warn(`CONTROL CENTER BROWSER SPEC SKIPPED: no ${CHROMIUM} (apt-get install chromium)`);
const describeInBrowser = available || required ? describe : describe.skip;

jest.setTimeout(120_000);

describeInBrowser('control center in chromium', () => {
  let workspace: string;
  let orchestrator: OrchestratorProcess;
  let browser: Browser;
  let page: Page;

  const submit = async (workflow: object): Promise<string> => {
    const response = await fetch(`${orchestrator.url}/v1/workflows`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${orchestrator.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ workflow }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const screenshot = (name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const noHorizontalScroll = () =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  const signIn = async () => {
    await page.goto(orchestrator.url);
    await page.getByLabel('API token').fill(orchestrator.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    workspace = mkdtempSync(join(tmpdir(), 'control-center-'));
    mkdirSync(join(workspace, 'infra/main'), { recursive: true });
    writeFileSync(join(workspace, 'provisioning.yaml'), 'name: cc\ndefault_infra: main\n');
    writeFileSync(
      join(workspace, 'infra/main/servers.yaml'),
      'servers:\n  - { name: here, provider: local }\n',
    );
    // What an earlier apply recorded, for the hosts page (the state store apply writes to).
    const state = SqliteStateStore.open(join(workspace, '.provisioning/state.db'));
    const run = await state.startRun({ infra: 'main', command: 'apply' });
    await state.recordTaskserv({
      infra: 'main',
      host: 'here',
      name: 'chrony',
      version: '1.0.0',
      paramsHash: 'x',
      runId: run.id,
    });
    await state.close();
    orchestrator = await startOrchestratorProcess(workspace, `sqlite:${join(workspace, 'workflows.db')}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  });
  afterEach(() => page.close());
  afterAll(async () => {
    await browser?.close();
    await orchestrator?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('asks for the token, refuses a wrong one with a hint, and keeps a right one for the tab only', async () => {
    await page.goto(orchestrator.url);
    await expect(
      page.getByLabel('API token').evaluate((input) => input === document.activeElement),
    ).resolves.toBe(true);
    await screenshot('login');
    await page.getByLabel('API token').fill('not-the-token');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'refused this token' }).waitFor();
    await page.getByLabel('API token').fill(orchestrator.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([
      'provisioning.orchestrator.token',
    ]);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    const other = await browser.newPage();
    await other.goto(orchestrator.url);
    await other.getByRole('button', { name: 'Sign in' }).waitFor();
    await other.close();
  });

  it('submits a workflow from the page and shows its steps turn green live, in the DAG and the log', async () => {
    await signIn();
    await page.getByText('Submit a workflow').click();
    await page
      .getByLabel('Workflow document')
      .fill(
        [
          'name: rollout',
          'operations:',
          '  - { id: prepare, type: command, servers: all, command: "sleep 1; echo prepared-here" }',
          '  - { id: left, type: command, servers: all, command: "sleep 1", dependencies: [prepare] }',
          '  - { id: right, type: command, servers: all, command: "sleep 1", dependencies: [prepare] }',
          '  - { id: join, type: noop, dependencies: [left, right] }',
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Submit workflow' }).click();
    await page.getByRole('heading', { name: 'rollout' }).waitFor();
    const url = page.url();
    // Every status each DAG node shows, as it changes, without the page being reloaded.
    await page.evaluate(() => {
      const seen: Record<string, string[]> = {};
      (window as unknown as { seen: typeof seen }).seen = seen;
      const record = () =>
        document.querySelectorAll<SVGGElement>('svg.dag g.node').forEach((node) => {
          const list = (seen[node.dataset.step as string] ??= []);
          if (list[list.length - 1] !== node.dataset.status) list.push(node.dataset.status as string);
        });
      record();
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
      });
    });
    await page
      .locator('svg.dag g.node[data-step="join"][data-status="succeeded"]')
      .waitFor({ timeout: 60_000 });
    const seen = await page.evaluate(() => (window as unknown as { seen: Record<string, string[]> }).seen);
    expect(page.url()).toBe(url);
    for (const step of ['prepare', 'left', 'right']) {
      expect(seen[step]).toContain('running');
      expect(seen[step][seen[step].length - 1]).toBe('succeeded');
    }
    expect(await page.locator('svg.dag g.node').count()).toBe(4);
    expect(await page.locator('svg.dag path.edge').count()).toBe(4);
    const log = page.getByRole('log');
    await log.getByText(/workflow-succeeded/).waitFor();
    await expect(log.textContent()).resolves.toMatch(
      /step-started prepare[\s\S]*prepared-here[\s\S]*step-succeeded join/,
    );
    await page.getByText('The workflow has ended').waitFor();
    expect(await page.locator('.workflow-header [data-status]').getAttribute('data-status')).toBe(
      'succeeded',
    );
    await screenshot('workflow-succeeded');
  });

  it('cancels a running workflow only after the dialog is confirmed; Escape keeps it running', async () => {
    const id = await submit({
      name: 'long-one',
      operations: [{ id: 'wait', type: 'command', servers: 'all', command: 'sleep 60' }],
    });
    await signIn();
    await page.goto(`${orchestrator.url}/#/workflows/${id}`);
    await page.locator('svg.dag g.node[data-step="wait"][data-status="running"]').waitFor();
    const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
    await cancel.click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this workflow?' });
    await dialog.waitFor();
    await screenshot('cancel-dialog');
    // Focus stays in the modal dialog however often Tab is pressed.
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    expect(await page.locator('svg.dag g.node[data-step="wait"]').getAttribute('data-status')).toBe(
      'running',
    );
    await cancel.click();
    await dialog.getByRole('button', { name: 'Cancel workflow' }).click();
    await page.locator('svg.dag g.node[data-step="wait"][data-status="cancelled"]').waitFor();
    await page.locator('.workflow-header [data-status="cancelled"]').waitFor();
    await expect(page.getByRole('button', { name: 'Resume' }).isEnabled()).resolves.toBe(true);
    await expect(cancel.isDisabled()).resolves.toBe(true);
    await screenshot('workflow-cancelled');
  });

  it('shows the hosts with what is installed and when, and the extension catalog with versions', async () => {
    await signIn();
    await page.getByRole('link', { name: 'Hosts' }).click();
    const host = page.locator('[data-host="here"]');
    await host.waitFor();
    await expect(host.textContent()).resolves.toMatch(/chrony 1\.0\.0/);
    await screenshot('hosts');
    await page.getByRole('link', { name: 'Extensions' }).click();
    const nginx = page.locator('tr[data-extension^="nginx@"]');
    await nginx.waitFor();
    await expect(nginx.textContent()).resolves.toMatch(/builtin.*in use/);
    await screenshot('extensions');
  });

  it('works by keyboard: a focus order that follows the page, visible focus, buttons that are buttons', async () => {
    await signIn();
    await page.reload();
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    const focused: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      focused.push(
        await page.evaluate(() => {
          const element = document.activeElement as HTMLElement;
          const style = getComputedStyle(element);
          if (style.outlineStyle === 'none') return `no visible focus on ${element.outerHTML}`;
          return `${element.tagName.toLowerCase()}:${element.textContent?.trim().split('\n')[0]}`;
        }),
      );
    }
    expect(focused.slice(0, 6)).toEqual([
      'a:Skip to content',
      'a:Workflows',
      'a:Hosts',
      'a:Extensions',
      'button:Sign out',
      'summary:Submit a workflow',
    ]);
    expect(focused[6]).toMatch(/^a:(rollout|long-one)$/);
    await page.keyboard.press('Enter');
    await page.locator('svg.dag').waitFor();
    const actions = await page
      .locator('.actions button')
      .evaluateAll((buttons) => buttons.map((b) => b.tagName));
    expect(actions).toEqual(['BUTTON', 'BUTTON', 'BUTTON']);
  });

  it('fits 375 px wide on every page with no horizontal scroll', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn();
    const wide = await submit({
      name: 'wide',
      operations: ['one', 'two', 'three', 'four', 'five'].map((id) => ({
        id: `a-rather-long-step-${id}`,
        type: 'noop',
      })),
    });
    for (const [name, hash] of [
      ['workflows-375', '#/workflows'],
      ['workflow-375', `#/workflows/${wide}`],
      ['hosts-375', '#/hosts'],
      ['extensions-375', '#/extensions'],
    ]) {
      await page.goto(`${orchestrator.url}/${hash}`);
      await page.locator('main [aria-busy="false"], main svg.dag').first().waitFor();
      expect([name, await noHorizontalScroll()]).toEqual([name, true]);
      if (name === 'workflow-375') {
        // Five parallel steps wrap onto lines of nodes drawn at a readable size, not shrunk to fit one line.
        // The view redraws the whole graph on every event, so wait for the last one (the workflow
        // ended) and find and measure a node in one step inside the page, not across two calls.
        await page.locator('.workflow-header [data-status="succeeded"]').waitFor();
        const width = await page.evaluate(
          () => document.querySelector('svg.dag g.node rect')?.getBoundingClientRect().width,
        );
        expect(width).toBeGreaterThanOrEqual(140);
      }
      await screenshot(name);
    }
  });
});
