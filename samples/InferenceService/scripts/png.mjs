// Fashion-MNIST test images from the subset shipped with the training sample, and a minimal 8-bit grey PNG writer,
// so that the scripts and the browser test send real PNGs of known images.
import { readFileSync } from "node:fs";
import { gunzipSync, deflateSync } from "node:zlib";

export const classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

export function testImage(dataFolder, index) {
  const images = gunzipSync(readFileSync(`${dataFolder}/t10k-images-idx3-ubyte.gz`));
  const labels = gunzipSync(readFileSync(`${dataFolder}/t10k-labels-idx1-ubyte.gz`));
  return { pixels: images.subarray(16 + index * 784, 16 + (index + 1) * 784), label: labels[8 + index] };
}

export function greyPng(width, height, pixels) {
  const rows = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0; // filter: none
    pixels.subarray(y * width, (y + 1) * width).forEach((v, x) => { rows[y * (width + 1) + 1 + x] = v; });
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = 0; // grey
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const table = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
