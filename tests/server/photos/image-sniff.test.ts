// sniffImage against hand-made headers: the type from the bytes, the size from PNG's IHDR, JPEG's first
// start-of-frame (after APP segments), and WebP's VP8, VP8L and VP8X chunks; anything else null.
import { describe, expect, test } from 'vitest'
import { leadingBytes, sniffImage } from '../../../server/photos/image-sniff'

const bytes = (...parts: (number[] | string)[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((ch) => ch.charCodeAt(0)) : p)))
const pad = (n: number) => new Array(n).fill(0)

describe('sniffImage', () => {
  test('PNG: width and height from IHDR', () => {
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR', [0, 0, 0x06, 0x40, 0, 0, 0x04, 0xb0])
    expect(sniffImage(png)).toEqual({ mime: 'image/png', width: 1600, height: 1200 })
  })

  test('JPEG: the SOF0 after an APP0 segment (height first, then width); DHT (C4) is skipped', () => {
    const app0 = [0xff, 0xe0, 0x00, 0x10, ...pad(14)]
    const dht = [0xff, 0xc4, 0x00, 0x04, 0, 0]
    const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, 0x04, 0xb0, 0x06, 0x40, 0x03, ...pad(9)]
    expect(sniffImage(bytes([0xff, 0xd8], app0, dht, sof0))).toEqual({ mime: 'image/jpeg', width: 1600, height: 1200 })
  })

  test('WebP: lossy VP8, lossless VP8L, extended VP8X', () => {
    const riff = (chunk: string, body: number[]) => bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, body)
    expect(sniffImage(riff('VP8 ', [...pad(10), 0x40, 0x06, 0xb0, 0x04, 0]))).toEqual({ mime: 'image/webp', width: 1600, height: 1200 })
    // VP8L: 14 bits width − 1 (1599), 14 bits height − 1 (1199), packed little-endian from byte 21.
    const bits = 1599 | (1199 << 14)
    expect(sniffImage(riff('VP8L', [...pad(5), bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff, ...pad(5)]))).toEqual({ mime: 'image/webp', width: 1600, height: 1200 })
    expect(sniffImage(riff('VP8X', [...pad(8), 0x3f, 0x06, 0, 0xaf, 0x04, 0]))).toEqual({ mime: 'image/webp', width: 1600, height: 1200 })
  })

  test('a PDF, a HEIC, an empty file and a JPEG cut before its frame are not images', () => {
    expect(sniffImage(bytes('%PDF-1.4'))).toBeNull()
    expect(sniffImage(bytes([0, 0, 0, 0x18], 'ftypheic', pad(20)))).toBeNull()
    expect(sniffImage(new Uint8Array())).toBeNull()
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], pad(6)))).toBeNull()
    expect(leadingBytes(bytes('%PDF-1.4'))).toBe('25 50 44 46 2d 31 2e 34')
  })
})
