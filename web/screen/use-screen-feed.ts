// Polls the screen's figures every `refreshSeconds`, one poll at a time. On failure the last good feed
// stays on screen and the poll state says so; the next good answer clears it.
import { useEffect, useRef, useState } from 'react'
import { fetchScreenProfileIfChanged } from '../api/client'
import { afterFailure, afterSuccess, INITIAL_POLL_STATE, type PollState } from './freshness'
import type { ScreenConfig } from '../../server/shared/screen-profile'
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
  failure: unknown // why the last poll failed; null once one succeeds
}

export function useScreenFeed(place: ScreenPlace | null, config: ScreenConfig): ScreenFeedState {
  const [feed, setFeed] = useState<ScreenFeed | null>(null)
  const [poll, setPoll] = useState<PollState>(INITIAL_POLL_STATE)
  const [failure, setFailure] = useState<unknown>(null)
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
        placeLevel: place.place.properties.level,
        placeParent: place.place.properties.parent,
        childLevel: place.childLevel,
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
        setFailure(null)
      } catch (error) {
        if (stopped) return
        setPoll((s) => afterFailure(s, Date.now()))
        setFailure(error)
      }
      if (!stopped) timer = setTimeout(run, refreshSeconds * 1000)
    }
    void run()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [place, minLevel, years, refreshSeconds])

  return { feed, poll, failure }
}

/**
 * The saved profile, re-read every `refreshSeconds` (an admin's edit reaches the screen without a
 * reload). null until it first loads; a failed re-read keeps the last one.
 */
export interface ScreenProfileState {
  config: ScreenConfig | null
  name: string | null
  error: string | null // why it could not be loaded, while it has not been
  failure: unknown // that failure itself (e.g. an ApiError 401), for the screen's access message
}

export function useScreenProfile(id: string | null, refreshSeconds: number): ScreenProfileState {
  const [state, setState] = useState<ScreenProfileState>({ config: null, name: null, error: null, failure: null })
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
          setState({ config: profile.config, name: profile.name, error: null, failure: null })
        }
      } catch (error) {
        if (stopped) return
        setState((s) => (s.config ? s : { ...s, error: error instanceof Error ? error.message : String(error), failure: error }))
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
