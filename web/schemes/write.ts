// How the /schemes forms write: the page runs each write, shows its outcome in one banner, and reloads the schemes.

/** Runs a write whose promise gives the text to show (or throws the server's message); true when it was saved. */
export type Write = (work: () => Promise<string>) => Promise<boolean>
