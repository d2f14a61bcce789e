// What both browser checks start with: a headless Chromium page on the Jenkins at JENKINS_URL, logged in when
// JENKINS_USER is set, collecting every error the browser logs.
import { chromium } from 'playwright-core';

export const base = (process.env.JENKINS_URL || 'http://127.0.0.1:8080/jenkins/').replace(/\/?$/, '/');

/** Returns { browser, page, problems }; close the browser when done. */
export async function openJenkinsPage() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  const problems = [];
  page.on('console', m => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  page.on('pageerror', e => problems.push('page: ' + e.message));
  if (process.env.JENKINS_USER) {
    await page.goto(base + 'login');
    await page.fill('#j_username', process.env.JENKINS_USER);
    await page.fill('input[name=j_password]', process.env.JENKINS_PASSWORD || '');
    await Promise.all([page.waitForNavigation(), page.click('[type=submit]')]);
  }
  return { browser, page, problems };
}
