// Where the project's own files are, independent of the directory the process was started from.
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url))
export const WEB_SOURCE_DIR = fileURLToPath(new URL('../web', import.meta.url))
export const WEB_DIST_DIR = fileURLToPath(new URL('../web/dist', import.meta.url))
