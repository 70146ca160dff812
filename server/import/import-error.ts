// The one error an import throws for a file it cannot read at all (as opposed to a row it rejects).
// Its message is for the person who sent the file: Chinese, naming the file and what is wrong with it.

export class ImportError extends Error {
  override readonly name = 'ImportError'
}
