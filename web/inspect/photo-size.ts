// The size a photo is resized to on the phone before it is queued: its longer side at most `maxSide` pixels
// (1600: enough for a report, ~0.3–0.8 MB as JPEG), never enlarged, the aspect kept. Pure.
export const MAX_PHOTO_SIDE = 1600

export function fittedSize(width: number, height: number, maxSide = MAX_PHOTO_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}
