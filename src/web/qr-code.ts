import qrcode from 'qrcode-generator';
import { trustedHtml, escapeHtml, type SafeHtml } from './html';

/** Light modules around the code, as the standard asks for a reader to find it. */
const QUIET_ZONE = 4;

/**
 * A QR code for `data` as inline SVG, one square per dark module, scalable for a poster. The
 * encoding is qrcode-generator's; the drawing is ours, so that it carries a text alternative and
 * no style a strict content policy would block. Error correction M: a poster may get scratched.
 */
export function qrCodeSvg(data: string, label: string): SafeHtml {
  const code = qrcode(0, 'M');
  code.addData(data);
  code.make();
  const size = code.getModuleCount();
  const total = size + 2 * QUIET_ZONE;
  const squares: string[] = [];
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      if (code.isDark(row, col)) squares.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
    }
  }
  return trustedHtml(
    `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" role="img" aria-label="${escapeHtml(label)}" shape-rendering="crispEdges">` +
      `<rect width="${total}" height="${total}" fill="#ffffff"/><path fill="#000000" d="${squares.join('')}"/></svg>`,
  );
}
