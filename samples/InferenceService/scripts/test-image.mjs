// Writes Fashion-MNIST test image INDEX as the service's two request forms, PREFIX.json ({"pixels": [...]}) and
// PREFIX.png (8-bit grey), and prints its label's class name. Used by publish-aot.sh and loadtest.sh.
// Usage: node test-image.mjs DATA_FOLDER INDEX PREFIX
import { writeFileSync } from "node:fs";
import { testImage, greyPng, classNames } from "./png.mjs";

const [dataFolder, index, prefix] = process.argv.slice(2);
const { pixels, label } = testImage(dataFolder, Number(index));
writeFileSync(`${prefix}.json`, JSON.stringify({ pixels: Array.from(pixels, v => v / 255) }));
writeFileSync(`${prefix}.png`, greyPng(28, 28, pixels));
console.log(classNames[label]);
