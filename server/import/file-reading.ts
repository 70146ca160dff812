// Reading an uploaded file's content: errors named for the file, JSON parsed within the depth limit.
import { checkJsonDepth, UploadLimitError, type UploadLimits } from '../limits'
import { ImportError } from './import-error'

/** Runs `read`, prefixing the message of an ImportError or an upload limit it throws with the file's name. */
export async function namingFile<T>(fileName: string, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (error instanceof UploadLimitError) throw new UploadLimitError(`无法读取文件“${fileName}”：${error.message}`, error.limit, error.busy)
    if (error instanceof ImportError) throw new ImportError(`无法读取文件“${fileName}”：${error.message}`, { cause: error })
    throw error
  }
}

/** JSON text parsed after its nesting depth is checked, or an ImportError saying why it is not JSON. */
export function parsedJson(text: string, limits: Pick<UploadLimits, 'jsonDepth'>): unknown {
  checkJsonDepth(limits, text, 'JSON ')
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ImportError(`不是有效的 JSON（${error instanceof Error ? error.message : String(error)}）`, { cause: error })
  }
}
