import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newUser, screenshots, signIn, signUp, screenshotOnFailure } from './browser';

const baseURL = inject('baseURL');
const executable = inject('chromium');
const carol = { name: 'Carol Devices', email: `carol-${Date.now()}@example.com`, password: 'correct horse battery' };

// One person on a laptop, a phone and a tablet (three browser profiles): the laptop sees and ends the others.
describe.skipIf(!executable)('signed-in devices in Chromium', () => {
  let browser: Browser;
  let laptop: Page;
  let phone: Page;
  let tablet: Page;
  const outside: string[] = [];

  beforeAll(async () => {
    browser = await launch(executable);
    ({ page: laptop } = await newUser(browser, baseURL, outside));
    ({ page: phone } = await newUser(browser, baseURL, outside));
    ({ page: tablet } = await newUser(browser, baseURL, outside));
  });
  afterAll(async () => {
    await browser?.close();
  });
  screenshotOnFailure('sessions', () => laptop);

  const rows = () => laptop.getByTestId('signed-in-session');
  const signedInOn = async (page: Page) => {
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  };
  const signedOut = async (page: Page) => {
    await page.reload();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/signin');
  };

  it('lists the devices signed in as you, this one marked', async () => {
    await laptop.goto('/signup');
    await signUp(laptop, carol);
    await laptop.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    for (const page of [phone, tablet]) {
      await page.goto('/signin');
      await signIn(page, carol.email, carol.password);
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    }
    await laptop.goto('/settings');
    await laptop.getByRole('heading', { name: 'Signed-in devices' }).waitFor();
    await expect.poll(() => rows().count()).toBe(3);
    expect(await rows().filter({ hasText: 'This device' }).count()).toBe(1);
    expect(await rows().first().innerText()).toMatch(/Chrome on Linux\s*This device/);
    expect(await rows().nth(1).innerText()).toMatch(/127\.0\.0\.1 · signed in .* · last used /);
    await screenshots(laptop, 'settings-devices');
  });

  it('revokes one other device, which is signed out there', async () => {
    await laptop.getByRole('button', { name: /^Revoke Chrome on Linux/ }).first().click();
    await laptop.getByText('Signed out Chrome on Linux.').waitFor();
    await expect.poll(() => rows().count()).toBe(2);
    // Which of the two it was is not shown apart (both are Chromium on Linux): exactly one is signed out.
    for (const page of [phone, tablet]) await page.goto('/settings');
    const paths = () => [phone, tablet].map((page) => new URL(page.url()).pathname);
    await expect.poll(() => paths().sort()).toEqual(['/settings', '/signin']);
  });

  it('signs out all other devices, keeping this one', async () => {
    await laptop.getByRole('button', { name: 'Sign out all other devices' }).click();
    await laptop.getByRole('dialog').getByRole('button', { name: 'Sign them out' }).click();
    await laptop.getByText('Signed out 1 other device.').waitFor();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await laptop.getByRole('button', { name: 'Sign out all other devices' }).count()).toBe(0);
    await signedOut(phone);
    await signedOut(tablet);
    await signedInOn(laptop);
  });

  it('refuses a new password that is the same as the current one', async () => {
    await laptop.getByLabel('Current password').fill(carol.password);
    await laptop.getByLabel('New password').fill(carol.password);
    await laptop.getByRole('button', { name: 'Change password' }).click();
    await laptop.locator('#new-password-error', { hasText: 'The new password must differ from the current one.' }).waitFor();
    expect(outside).toEqual([]);
  });
});
