// What an uploaded photo is, read from its first bytes, never from what the client says: JPEG, PNG or WebP and
// its pixel size. Anything else (a HEIC straight from a camera roll, a PDF, a truncated file) is not a photo the
// atlas stores. Pure.
import type { PhotoType } from '../shared/domain'

export interface SniffedImage {
  mime: PhotoType
  width: number
  height: number
}

/** The image type and size of `bytes`, or null when they are not a whole-enough JPEG, PNG or WebP header. */
export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  return pngSize(bytes) ?? jpegSize(bytes) ?? webpSize(bytes)
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function pngSize(b: Uint8Array): SniffedImage | null {
  if (b.length < 24 || !PNG_SIGNATURE.every((v, i) => b[i] === v) || ascii(b, 12, 4) !== 'IHDR') return null
  return sized('image/png', u32be(b, 16), u32be(b, 20))
}

/** Walks the JPEG's marker segments to the first start-of-frame, which holds the size. */
function jpegSize(b: Uint8Array): SniffedImage | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null
  let at = 2
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null
    const marker = b[at + 1]
    if (marker === 0xff) {
      at += 1 // fill byte
      continue
    }
    const length = (b[at + 2] << 8) | b[at + 3]
    // SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return sized('image/jpeg', (b[at + 7] << 8) | b[at + 8], (b[at + 5] << 8) | b[at + 6])
    }
    at += 2 + length
  }
  return null
}

function webpSize(b: Uint8Array): SniffedImage | null {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null
  const chunk = ascii(b, 12, 4)
  if (chunk === 'VP8 ') return sized('image/webp', ((b[27] << 8) | b[26]) & 0x3fff, ((b[29] << 8) | b[28]) & 0x3fff)
  if (chunk === 'VP8L') {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)
    return sized('image/webp', (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1)
  }
  if (chunk === 'VP8X') return sized('image/webp', 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), 1 + (b[27] | (b[28] << 8) | (b[29] << 16)))
  return null
}

function sized(mime: PhotoType, width: number, height: number): SniffedImage | null {
  return width > 0 && height > 0 ? { mime, width, height } : null
}

function ascii(b: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...b.subarray(at, at + length))
}

function u32be(b: Uint8Array, at: number): number {
  return ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3]
}

/** The first bytes of a file as a message shows them, e.g. "25 50 44 46 2d 31" (a PDF). */
export function leadingBytes(bytes: Uint8Array, count = 8): string {
  return [...bytes.subarray(0, count)].map((v) => v.toString(16).padStart(2, '0')).join(' ')
}
