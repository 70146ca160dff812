// The part of mapshaper's API the build uses (mapshaper ships no types).
declare module 'mapshaper' {
  const mapshaper: {
    /** Runs a command line on in-memory input files; resolves to the output files by name. */
    applyCommands(commands: string, input?: Record<string, string>): Promise<Record<string, string | Uint8Array>>
  }
  export default mapshaper
}
