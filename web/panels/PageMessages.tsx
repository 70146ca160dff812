// The banners under a ledger page's toolbar: why its list could not load, and what the last change did.
export interface PageMessage {
  text: string
  error: boolean
}

export function PageMessages({ loadError, message }: { loadError: Error | null; message: PageMessage | null }) {
  return (
    <>
      {loadError && <p className="page-banner is-error" role="alert">{loadError.message}</p>}
      {message && (
        <p className={`page-banner ${message.error ? 'is-error' : 'is-ok'}`} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </>
  )
}
