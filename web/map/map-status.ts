// What the page tells a test or an export job, as attributes on <body>: data-map-ready="1" once the
// map and deck.gl have drawn the current data; data-atlas-error lists what failed, one per line.

export function setMapReady(ready: boolean): void {
  document.body.dataset.mapReady = ready ? '1' : '0'
}

export function recordPageError(message: string): void {
  const previous = document.body.dataset.atlasError
  document.body.dataset.atlasError = previous ? `${previous}\n${message}` : message
}
