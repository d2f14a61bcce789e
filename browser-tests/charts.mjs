// Checks the plugin's pages in a real browser against a running Jenkins: the build page's round chart and site
// table, the job page's trends, and no error in the browser console. Run on demand (see README.md); it is not part
// of `mvn verify`.
import { base, openJenkinsPage } from './jenkins-page.mjs';

const job = process.env.FLARE_JOB;
if (!job) {
  console.error('Set FLARE_JOB to a Pipeline job whose last builds ran flareWait/flareDownload (at least two builds).');
  process.exit(2);
}

const { browser, page, problems } = await openJenkinsPage();

async function charts(url) {
  await page.goto(base + url);
  await page.waitForFunction(() => [...document.querySelectorAll('.echarts-trend')].filter(e => e.offsetParent !== null).every(e => e.querySelector('canvas')),
      null, { timeout: 15000 });
  return page.$$eval('.test-trend-caption', els => els.map(e => e.innerText.trim()));
}

const failures = [];
const buildCharts = await charts(`job/${job}/lastCompletedBuild/`);
if (!buildCharts.includes('Metrics per round')) failures.push('build page: no "Metrics per round" chart');
const siteRows = await page.$$eval('table.flare-sites tbody tr', rows => rows.length);
if (siteRows === 0) failures.push('build page: no site table rows (follow the job with flareWait, run flareStatus or download site logs)');
const jobCharts = await charts(`job/${job}/`);
for (const title of ['NVIDIA FLARE: job duration', 'NVIDIA FLARE: job outcomes']) {
  if (!jobCharts.includes(title)) failures.push(`job page: no "${title}" trend`);
}
await browser.close();

console.log(JSON.stringify({ buildCharts, siteRows, jobCharts, problems }, null, 1));
failures.push(...problems);
if (failures.length) {
  console.error('FAILED:\n' + failures.join('\n'));
  process.exit(1);
}
console.log('OK');
