// A passphrase typed at a terminal, not echoed: for atlas backup --encrypt and atlas restore without
// ATLAS_BACKUP_PASSPHRASE. Only offered when stdin is a terminal; a pipe never blocks waiting for one.
import type { ReadStream } from 'node:tty'

export function terminalSecretReader(input: ReadStream, output: NodeJS.WritableStream) {
  return (prompt: string): Promise<string> =>
    new Promise((resolve, reject) => {
      output.write(prompt)
      let typed = ''
      const finish = (error: Error | null) => {
        input.setRawMode(false)
        input.pause()
        input.off('data', onData)
        output.write('\n')
        if (error) reject(error)
        else resolve(typed)
      }
      const onData = (chunk: Buffer) => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') return finish(null)
          if (char === '\u0003') return finish(new Error('cancelled (Ctrl-C)'))
          if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('')
          else typed += char
        }
      }
      input.setRawMode(true)
      input.resume()
      input.on('data', onData)
    })
}
