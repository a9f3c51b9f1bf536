#!/usr/bin/env node
/**
 * Draws the app icon: a serif "F" in white on newsroom red (#b3261e), in a rounded square.
 * Writes build/icon.svg (the drawing) and build/icon.png (512×512, what electron-builder turns
 * into the .icns, .ico and Linux icons). No dependencies: the PNG is rasterised here with 4×4
 * supersampling and encoded with node:zlib. Run `node build/make-icon.mjs` after changing it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 512;
const RED = [0xb3, 0x26, 0x1e];
const WHITE = [0xff, 0xff, 0xff];
const RADIUS = 112; // corner radius of the background square

/**
 * The letter as rectangles in a 512 grid: a Didone-like "F" with a thick stem, hairline arms,
 * bracketed slab serifs and the small vertical serifs (beaks) at the arms' ends.
 */
const F = [
  // stem
  { x: 176, y: 108, w: 64, h: 296 },
  // top arm and its beak
  { x: 144, y: 108, w: 232, h: 30 },
  { x: 350, y: 108, w: 26, h: 80 },
  // middle arm and its two small serifs
  { x: 240, y: 244, w: 92, h: 24 },
  { x: 312, y: 216, w: 20, h: 80 },
  // top-left serif and the foot serif
  { x: 144, y: 108, w: 32, h: 30 },
  { x: 132, y: 376, w: 152, h: 28 },
];

/** Brackets: quarter circles that round the joins of the serifs into the stem. */
const BRACKETS = [
  { cx: 240 + 22, cy: 376 - 22, r: 22, corner: [240, 376] }, // foot, right of the stem
  { cx: 176 - 22, cy: 376 - 22, r: 22, corner: [176, 376] }, // foot, left of the stem
  { cx: 240 + 18, cy: 138 + 18, r: 18, corner: [240, 138] }, // under the top arm
  { cx: 350 - 14, cy: 138 + 14, r: 14, corner: [350, 138] }, // inside the beak
];

function inRect(x, y, r) {
  return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

/** The filled area between a corner and the quarter circle that curves into it. */
function inBracket(x, y, b) {
  const [cx0, cy0] = b.corner;
  const sx = Math.sign(b.cx - cx0);
  const sy = Math.sign(b.cy - cy0);
  const inBox = (x - cx0) * sx >= 0 && (x - cx0) * sx <= b.r && (y - cy0) * sy >= 0 && (y - cy0) * sy <= b.r;
  return inBox && Math.hypot(x - b.cx, y - b.cy) >= b.r;
}

function inLetter(x, y) {
  return F.some((r) => inRect(x, y, r)) || BRACKETS.some((b) => inBracket(x, y, b));
}

function inBackground(x, y) {
  const dx = Math.max(RADIUS - x, 0, x - (SIZE - RADIUS));
  const dy = Math.max(RADIUS - y, 0, y - (SIZE - RADIUS));
  return dx * dx + dy * dy <= RADIUS * RADIUS;
}

function rasterise() {
  const S = 4;
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let bg = 0;
      let fg = 0;
      for (let j = 0; j < S; j++) {
        for (let i = 0; i < S; i++) {
          const px = x + (i + 0.5) / S;
          const py = y + (j + 0.5) / S;
          if (inBackground(px, py)) {
            bg++;
            if (inLetter(px, py)) fg++;
          }
        }
      }
      const alpha = bg / (S * S);
      const mix = bg ? fg / bg : 0;
      const o = (y * SIZE + x) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(RED[c] * (1 - mix) + WHITE[c] * mix);
      rgba[o + 3] = Math.round(alpha * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function encodePng(rgba, width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const rects = F.map((r) => `  <rect x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}"/>`).join('\n');
  const brackets = BRACKETS.map((b) => {
    const [x0, y0] = b.corner;
    const sx = Math.sign(b.cx - x0);
    const sy = Math.sign(b.cy - y0);
    // corner -> along x to the circle's edge -> arc back to the edge along y
    const sweep = sx * sy > 0 ? 0 : 1;
    return `  <path d="M${x0} ${y0} h${sx * b.r} A${b.r} ${b.r} 0 0 ${sweep} ${x0} ${y0 + sy * b.r} Z"/>`;
  }).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <title>Factdesk</title>
  <rect width="${SIZE}" height="${SIZE}" rx="${RADIUS}" fill="#b3261e"/>
  <g fill="#ffffff">
${rects}
${brackets}
  </g>
</svg>
`;
}

const here = import.meta.dirname;
writeFileSync(path.join(here, 'icon.png'), encodePng(rasterise(), SIZE, SIZE));
writeFileSync(path.join(here, 'icon.svg'), svg());
console.log('wrote build/icon.png and build/icon.svg');
