// What the page tells a test or an export job, as attributes on <body>: data-map-ready="1" once the
// map and deck.gl have drawn the current data; data-atlas-error lists what failed, one per line;
// data-protected-places where the places no panel may cover are on the page, on a map of the whole country.

export function setMapReady(ready: boolean): void {
  document.body.dataset.mapReady = ready ? '1' : '0'
}

export function recordPageError(message: string): void {
  const previous = document.body.dataset.atlasError
  document.body.dataset.atlasError = previous ? `${previous}\n${message}` : message
}

export interface PlaceOnPage {
  name: string
  x: number // CSS px from the viewport's left, as getBoundingClientRect measures
  y: number
}

/** null: the map shows no protected places (it is not of the whole country). */
export function setProtectedPlaces(places: readonly PlaceOnPage[] | null): void {
  if (places === null) delete document.body.dataset.protectedPlaces
  else document.body.dataset.protectedPlaces = JSON.stringify(places)
}

