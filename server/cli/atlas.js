#!/usr/bin/env node
// The `atlas` command: registers tsx so the TypeScript CLI runs without a build step.
import { register } from 'tsx/esm/api'

register()
const { runFromProcess } = await import('./main.ts')
await runFromProcess()
