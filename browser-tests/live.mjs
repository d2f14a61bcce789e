// Watches a running build's page in a real browser, without reloading it: the FLARE job summary (status, metrics,
// sites) and the chart of metrics per round must change by themselves while the job runs (flare-live.js), and the
// browser must log no error. Run on demand while a build that follows a FLARE job runs (see README.md).
import { base, openJenkinsPage } from './jenkins-page.mjs';

const job = process.env.FLARE_JOB;
const build = process.env.FLARE_BUILD || 'lastBuild';
const maxMinutes = Number(process.env.MAX_MINUTES || 15);
if (!job) {
  console.error('Set FLARE_JOB to a Pipeline job whose build (FLARE_BUILD, default lastBuild) follows a FLARE job now.');
  process.exit(2);
}

const { browser, page, problems } = await openJenkinsPage();
let navigations = 0;
page.on('framenavigated', f => { if (f === page.mainFrame()) navigations++; });

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
