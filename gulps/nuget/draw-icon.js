'use strict';
/**
 * Draws the extension's package icon, src/assets/images/icon.png (128 x 128, the size NuGet shows),
 * with no dependency: a blue tile with two virtual machine windows, the primary and its Replica,
 * linked by the failover arrow, and a check mark. Run it after changing the drawing:
 *   node gulps/nuget/draw-icon.js
 * The PNG is committed; the package step only copies it.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const size = 128;
const samples = 4;
const blue = [0, 120, 212];
const white = [255, 255, 255];
const green = [16, 124, 16];

const inRoundRect = (x, y, left, top, right, bottom, radius) => {
    if (x < left || x > right || y < top || y > bottom) {
        return false;
    }
    const cx = Math.min(Math.max(x, left + radius), right - radius);
    const cy = Math.min(Math.max(y, top + radius), bottom - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};
const nearSegment = (x, y, [x1, y1], [x2, y2], width) => {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
    return (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2 <= (width / 2) ** 2;
};
const inTriangle = (x, y, [ax, ay], [bx, by], [cx, cy]) => {
    const sign = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
    const d1 = sign(x, y, ax, ay, bx, by);
    const d2 = sign(x, y, bx, by, cx, cy);
    const d3 = sign(x, y, cx, cy, ax, ay);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

/** A VM window: a white frame with a title bar, hollow inside. */
const inWindow = (x, y, left, top) => {
    const right = left + 40;
    const bottom = top + 34;
    if (!inRoundRect(x, y, left, top, right, bottom, 3)) {
        return false;
    }
    return y < top + 9 || x < left + 4 || x > right - 4 || y > bottom - 4;
};

/** The colour at a point, or null for transparent. Later shapes paint over earlier ones. */
function colourAt(x, y) {
    if (!inRoundRect(x, y, 4, 4, 124, 124, 18)) {
        return null;
    }
    let colour = blue;
    if (inWindow(x, y, 14, 26) || inWindow(x, y, 74, 26)) {
        colour = white;
    }
    // The failover arrow from the primary (left) to the Replica (right), below the windows.
    if (nearSegment(x, y, [34, 74], [34, 92], 6) || nearSegment(x, y, [34, 92], [84, 92], 6) || inTriangle(x, y, [82, 82], [82, 102], [96, 92])) {
        colour = white;
    }
    // The check: a green disc with a white tick on the Replica.
    if ((x - 104) ** 2 + (y - 62) ** 2 <= 13 ** 2) {
        colour = nearSegment(x, y, [97, 62], [102, 67], 4) || nearSegment(x, y, [102, 67], [111, 57], 4) ? white : green;
    }
    return colour;
}

function pixels() {
    const data = Buffer.alloc(size * (1 + size * 4));
    for (let y = 0; y < size; y++) {
        data[y * (1 + size * 4)] = 0; // filter: none
        for (let x = 0; x < size; x++) {
            const sum = [0, 0, 0, 0];
            for (let sy = 0; sy < samples; sy++) {
                for (let sx = 0; sx < samples; sx++) {
                    const colour = colourAt(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples);
                    if (colour) {
                        sum[0] += colour[0];
                        sum[1] += colour[1];
                        sum[2] += colour[2];
                        sum[3] += 1;
                    }
                }
            }
            const offset = y * (1 + size * 4) + 1 + x * 4;
            const covered = sum[3];
            data[offset] = covered ? Math.round(sum[0] / covered) : 0;
            data[offset + 1] = covered ? Math.round(sum[1] / covered) : 0;
            data[offset + 2] = covered ? Math.round(sum[2] / covered) : 0;
            data[offset + 3] = Math.round(255 * covered / (samples * samples));
        }
    }
    return data;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return c >>> 0;
});
const crc32 = buffer => {
    let c = 0xffffffff;
    for (const byte of buffer) {
        c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    }
    return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, body) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
};

function png() {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(size, 0);
    header.writeUInt32BE(size, 4);
    header[8] = 8; // bit depth
    header[9] = 6; // RGBA
    return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk('IHDR', header),
        chunk('IDAT', zlib.deflateSync(pixels(), { level: 9 })),
        chunk('IEND', Buffer.alloc(0))
    ]);
}

if (require.main === module) {
    const file = path.resolve(__dirname, '../../src/assets/images/icon.png');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, png());
    console.info(`Wrote ${path.relative(process.cwd(), file)}`);
}

module.exports = { png };
