// The one error an import throws for a file it cannot read at all (as opposed to a row it rejects).
// Its message is for the person who sent the file: Chinese, naming the file and what is wrong with it.
import { DomainError, type DomainErrorKind } from '../domain-error'

export interface ImportErrorOptions {
  kind?: DomainErrorKind // 'invalid' (the file): a 400 with code unreadable_file
  code?: string
  cause?: unknown
}

export class ImportError extends DomainError {
  override readonly name = 'ImportError'

  constructor(message: string, { kind = 'invalid', code, cause }: ImportErrorOptions = {}) {
    super(kind, message, { code: code ?? (kind === 'invalid' ? 'unreadable_file' : undefined), cause })
  }
}
