// Polls the screen's figures every `refreshSeconds`, one poll at a time. On failure the last good feed
// stays on screen and the poll state says so; the next good answer clears it.
import { useEffect, useRef, useState } from 'react'
import { fetchScreenProfileIfChanged } from '../api/client'
import { afterFailure, afterSuccess, INITIAL_POLL_STATE, type PollState } from './freshness'
import type { ScreenConfig } from './screen-config'
import { pollFeed, RevalidatingCache, type ScreenFeed, type ScreenPlace } from './screen-feed'

/** A poll that has not answered within this long counts as failed (a dropped link can hang, not refuse). */
function timeoutMsOf(refreshSeconds: number): number {
  return Math.min(30_000, Math.max(4_000, refreshSeconds * 1000 * 2))
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export interface ScreenFeedState {
  feed: ScreenFeed | null
  poll: PollState
}

export function useScreenFeed(place: ScreenPlace | null, config: ScreenConfig): ScreenFeedState {
  const [feed, setFeed] = useState<ScreenFeed | null>(null)
  const [poll, setPoll] = useState<PollState>(INITIAL_POLL_STATE)
  const feedRef = useRef<ScreenFeed | null>(null)
  const cache = useRef(new RevalidatingCache())
  const { minLevel, years, refreshSeconds } = config

  useEffect(() => {
    if (!place) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const run = async () => {
      const query = {
        placeCode: place.place.properties.code,
        schemeId: place.scheme.id,
        minLevel,
        year: new Date().getFullYear(), // read each poll: a screen left on over New Year moves on
        years,
      }
      try {
        const next = await withTimeout(pollFeed(query, cache.current, feedRef.current), timeoutMsOf(refreshSeconds))
        if (stopped) return
        feedRef.current = next
        setFeed(next)
        setPoll((s) => afterSuccess(s, Date.now()))
      } catch {
        if (stopped) return
        setPoll((s) => afterFailure(s, Date.now()))
      }
      if (!stopped) timer = setTimeout(run, refreshSeconds * 1000)
    }
    void run()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [place, minLevel, years, refreshSeconds])

  return { feed, poll }
}

/**
 * The saved profile, re-read every `refreshSeconds` (an admin's edit reaches the screen without a
 * reload). null until it first loads; a failed re-read keeps the last one.
 */
export function useScreenProfile(id: string | null, refreshSeconds: number): { config: ScreenConfig | null; name: string | null; error: string | null } {
  const [state, setState] = useState<{ config: ScreenConfig | null; name: string | null; error: string | null }>({ config: null, name: null, error: null })
  useEffect(() => {
    if (id === null) return
    let stopped = false
    let etag: string | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    const run = async () => {
      try {
        const answer = await withTimeout(fetchScreenProfileIfChanged(id, etag), timeoutMsOf(refreshSeconds))
        if (stopped) return
        if (answer.changed) {
          etag = answer.etag
          const { profile } = answer.body
          setState({ config: profile.config, name: profile.name, error: null })
        }
      } catch (error) {
        if (stopped) return
        setState((s) => (s.config ? s : { ...s, error: error instanceof Error ? error.message : String(error) }))
      }
      if (!stopped) timer = setTimeout(run, refreshSeconds * 1000)
    }
    void run()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [id, refreshSeconds])
  return state
}
