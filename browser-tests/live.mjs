// Watches a running build's page in a real browser, without reloading it: the FLARE job summary (status, metrics,
// sites) and the chart of metrics per round must change by themselves while the job runs (flare-live.js), and the
// browser must log no error. Run on demand while a build that follows a FLARE job runs (see README.md).
import { chromium } from 'playwright-core';

const base = (process.env.JENKINS_URL || 'http://127.0.0.1:8080/jenkins/').replace(/\/?$/, '/');
const job = process.env.FLARE_JOB;
const build = process.env.FLARE_BUILD || 'lastBuild';
const user = process.env.JENKINS_USER;
const password = process.env.JENKINS_PASSWORD;
const maxMinutes = Number(process.env.MAX_MINUTES || 15);
if (!job) {
  console.error('Set FLARE_JOB to a Pipeline job whose build (FLARE_BUILD, default lastBuild) follows a FLARE job now.');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
const problems = [];
page.on('console', m => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
page.on('pageerror', e => problems.push('page: ' + e.message));
let navigations = 0;
page.on('framenavigated', f => { if (f === page.mainFrame()) navigations++; });

if (user) {
  await page.goto(base + 'login');
  await page.fill('#j_username', user);
  await page.fill('input[name=j_password]', password || '');
  await Promise.all([page.waitForNavigation(), page.click('[type=submit]')]);
}

await page.goto(`${base}job/${job}/${build}/`);
await page.waitForSelector('.flare-job .flare-job-state', { timeout: 60000, state: 'attached' });
const loads = navigations;
const seen = [];
const deadline = Date.now() + maxMinutes * 60000;
for (;;) {
  const now = await page.$eval('.flare-job', box => {
    const state = box.querySelector('.flare-job-state');
    const chart = box.querySelector('.echarts-trend');
    return {
      building: state.dataset.building,
      rounds: Number(state.dataset.rounds),
      status: (box.querySelector('.flare-job-live > div:nth-of-type(2)') || {}).innerText?.trim(),
      sites: box.querySelectorAll('table.flare-sites tbody tr').length,
      chartDrawn: !!(chart && chart.querySelector('canvas') && chart.offsetParent !== null),
    };
  });
  const last = seen[seen.length - 1];
  if (!last || JSON.stringify({ ...last, t: 0 }) !== JSON.stringify({ ...now, t: 0 })) {
    seen.push({ ...now, t: new Date().toISOString().substring(11, 19) });
    console.log(JSON.stringify(seen[seen.length - 1]));
  }
  if (now.building === 'false' || Date.now() > deadline) break;
  await page.waitForTimeout(2000);
}
await browser.close();

const failures = [...problems];
if (navigations !== loads) failures.push(`the page was reloaded (${navigations - loads} navigations)`);
if (seen.length < 2) failures.push('nothing on the page changed while the build ran');
if (seen[seen.length - 1].building !== 'false') failures.push(`the build did not end within ${maxMinutes} min`);
const rounds = seen.map(s => s.rounds);
if (Math.max(...rounds) > 0 && !seen.some(s => s.rounds > 0 && s.chartDrawn)) failures.push('rounds came but no chart was drawn');
if (failures.length) {
  console.error('FAILED:\n' + failures.join('\n'));
  process.exit(1);
}
console.log(`OK: ${seen.length} states seen without a reload`);
