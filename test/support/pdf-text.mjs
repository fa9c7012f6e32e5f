#!/usr/bin/env node
// Prints a PDF's pages as JSON: [{ width, height, text }], sizes in points. Run as a child process
// because pdfjs-dist is an ES module that Jest does not load. With a second argument, also draws each
// page as <prefix>-<n>.png (where the optional canvas package is installed) to look at.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const [x0, y0, x1, y1] = page.view;
  const content = await page.getTextContent();
  pages.push({
    width: Math.round(x1 - x0),
    height: Math.round(y1 - y0),
    text: content.items.map((item) => ('str' in item ? item.str : '')).join(''),
  });
  if (process.argv[3]) {
    await drawPage(page, `${process.argv[3]}-${i}.png`);
  }
}
process.stdout.write(JSON.stringify(pages));

async function drawPage(page, file) {
  let createCanvas;
  try {
    ({ createCanvas } = await import('@napi-rs/canvas'));
  } catch {
    return; // no canvas here: the text and sizes are still checked
  }
  const viewport = page.getViewport({ scale: 1.5 });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context, viewport }).promise;
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, canvas.toBuffer('image/png'));
}
