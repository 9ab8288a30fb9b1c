// End-to-end test of the inference service's page in headless Chromium: draw and predict, upload a PNG of a known
// test image, upload a file that is not an image. Prints each check, then "Passed: N" and "Failed: N" (read by
// .ci/run), and exits non-zero if any check failed. Usage: node test.mjs DLL WEIGHTS DATA_FOLDER OUT_FOLDER
import { writeFileSync, mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { startService } from "./service.mjs";
import { testImage, greyPng, classNames } from "../../samples/InferenceService/scripts/png.mjs";

const [dll, weights, dataFolder, out] = process.argv.slice(2);
const timeout = 15_000;
mkdirSync(out, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** The ten bars shown: name, displayed percentage, probability. */
async function readBars(page) {
  await page.locator(".bar").nth(9).waitFor({ timeout });
  return page.locator(".bar").evaluateAll(rows => rows.map(row => ({
    name: row.querySelector(".name").textContent,
    percent: parseFloat(row.querySelector(".percent").textContent),
    probability: parseFloat(row.dataset.probability),
    best: row.classList.contains("best"),
  })));
}

function checkBars(bars) {
  check(bars.length === 10, `expected 10 bars, saw ${bars.length}`);
  check(JSON.stringify(bars.map(b => b.name)) === JSON.stringify(classNames), `bar names: ${bars.map(b => b.name).join(", ")}`);
  const probability = bars.reduce((s, b) => s + b.probability, 0);
  const percent = bars.reduce((s, b) => s + b.percent, 0);
  check(Math.abs(probability - 1) < 1e-4, `probabilities add up to ${probability}`);
  check(Math.abs(percent - 100) <= 0.6, `displayed percentages add up to ${percent}`);
  check(bars.filter(b => b.best).length === 1, "exactly one bar is highlighted as the prediction");
}

const checks = [
  ["the page loads from the service alone, with a black canvas and a Predict button", async ({ page, service, requests }) => {
    await page.goto(service.url + "/");
    check(await page.locator("canvas#canvas").isVisible(), "no canvas");
    check(await page.locator("button#predict").isVisible(), "no Predict button");
    const corner = await page.evaluate(() => Array.from(document.getElementById("canvas").getContext("2d").getImageData(0, 0, 1, 1).data));
    check(corner.join() === "0,0,0,255", `the canvas starts ${corner}, not opaque black`);
    const foreign = requests.filter(url => !url.startsWith(service.url));
    check(foreign.length === 0, `requests to elsewhere: ${foreign.join(", ")}`);
  }],
  ["a stroke drawn on the canvas and Predict show ten named bars that add up to 100%", async ({ page, service }) => {
    await page.goto(service.url + "/");
    const box = await page.locator("#canvas").boundingBox();
    await page.mouse.move(box.x + 90, box.y + 40);
    await page.mouse.down();
    for (const [x, y] of [[190, 40], [200, 240], [80, 240], [90, 40]]) {
      await page.mouse.move(box.x + x, box.y + y, { steps: 8 });
    }
    await page.mouse.up();
    const lit = await page.evaluate(() => Array.from(document.getElementById("canvas").getContext("2d").getImageData(0, 0, 280, 280).data).filter((v, i) => i % 4 === 0 && v > 128).length);
    check(lit > 1000, `the stroke lit only ${lit} pixels`);
    await page.click("#predict");
    checkBars(await readBars(page));
    check(await page.locator("#error").isHidden(), "an error is shown");
    await page.screenshot({ path: `${out}/drawing.png`, fullPage: true });
  }],
  ["an uploaded PNG of a test image shows the class the JSON API gives for its pixels", async ({ page, service }) => {
    const index = 0;
    const { pixels, label } = testImage(dataFolder, index);
    const file = `${out}/test-image-${index}.png`;
    writeFileSync(file, greyPng(28, 28, pixels));
    const response = await fetch(service.url + "/predict", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ pixels: Array.from(pixels, v => v / 255) }),
    });
    check(response.ok, `the JSON API answered ${response.status}`);
    const expected = (await response.json()).predicted;
    console.log(`    test image ${index} (labelled ${classNames[label]}): the JSON API says ${expected}`);
    await page.goto(service.url + "/");
    await page.setInputFiles("#file", file);
    await page.click("#predict");
    const bars = await readBars(page);
    checkBars(bars);
    const shown = bars.find(b => b.best).name;
    check(shown === expected, `the page shows ${shown}, the JSON API ${expected}`);
    const answer = await page.locator("#answer").textContent();
    check(answer.startsWith(`${expected}: `), `the answer line reads "${answer}"`);
    await page.screenshot({ path: `${out}/upload.png`, fullPage: true });
  }],
  ["an uploaded file that is not an image shows the service's 400 message", async ({ page, service }) => {
    const file = `${out}/notes.txt`;
    writeFileSync(file, "not an image\n");
    await page.goto(service.url + "/");
    await page.setInputFiles("#file", file);
    await page.click("#predict");
    const error = page.locator("#error");
    await error.waitFor({ state: "visible", timeout });
    const text = await error.textContent();
    check(text.startsWith("The upload is not an image in a format the service reads"), `the error reads "${text}"`);
    check(await page.locator(".bar").count() === 0, "bars are shown beside the error");
    await page.screenshot({ path: `${out}/error.png`, fullPage: true });
  }],
];

let passed = 0, failed = 0;
const service = await startService(dll, weights);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
try {
  for (const [name, run] of checks) {
    const page = await browser.newPage({ viewport: { width: 960, height: 640 } });
    page.setDefaultTimeout(timeout);
    const requests = [];
    const consoleErrors = [];
    page.on("request", request => requests.push(request.url()));
    page.on("console", message => { if (message.type() === "error" && !message.text().includes("400")) consoleErrors.push(message.text()); });
    page.on("pageerror", error => consoleErrors.push(error.message));
    try {
      await run({ page, service, requests });
      check(consoleErrors.length === 0, `script errors: ${consoleErrors.join("; ")}`);
      passed++;
      console.log(`  ok    ${name}`);
    } catch (error) {
      failed++;
      console.log(`  FAIL  ${name}: ${error.message}`);
      await page.screenshot({ path: `${out}/failed-${failed}.png`, fullPage: true }).catch(() => {});
    } finally {
      await page.close();
    }
  }
} finally {
  await browser.close();
  await service.stop();
}
if (failed > 0) console.log(service.output().split("\n").slice(-40).join("\n"));
console.log(`Screenshots: ${out}`);
console.log(`Passed: ${passed}`);
console.log(`Failed: ${failed}`);
process.exit(failed === 0 ? 0 : 1);
